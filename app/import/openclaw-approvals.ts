/**
 * OpenClaw's iMessage pairing state, read and never changed. Older installs
 * keep it in `credentials/` (`imessage-pairing.json` for pending requests,
 * `imessage-allowFrom.json` for the default account and
 * `imessage-<account>-allowFrom.json` for the others); newer ones in the
 * `channel_pairing_*` tables of `state/openclaw.sqlite`. An install that was
 * upgraded may have both, so both are read.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { OpenclawFiles } from "./openclaw-paths.ts";

const CHANNEL = "imessage";
const ALLOW_FROM_SUFFIX = "-allowFrom.json";

/** Approved senders of one OpenClaw account; `account` undefined is its default account. */
export interface OpenclawApprovals {
  account: string | undefined;
  entries: string[];
  /** Where they were read, for the report. */
  source: string;
}

export interface OpenclawPairingState {
  approvals: OpenclawApprovals[];
  /** Pending requests: not imported, their codes expire within the hour. */
  pending: number;
  problems: string[];
}

// The reference wrote `{ version, allowFrom: [...] }`; a bare list is read too, as it reads it.
const AllowFromFileSchema = z.union([
  z.array(z.union([z.string(), z.number()])),
  z.looseObject({ allowFrom: z.array(z.union([z.string(), z.number()])) }),
]);
const PairingFileSchema = z.looseObject({ requests: z.array(z.unknown()) });

export async function readOpenclawPairing(files: OpenclawFiles): Promise<OpenclawPairingState> {
  const state: OpenclawPairingState = { approvals: [], pending: 0, problems: [] };
  readCredentials(files.credentials, state);
  if (existsSync(files.stateDb)) await readStateDb(files.stateDb, state);
  return state;
}

/** The credentials folder's iMessage files, by their names. */
export function hasOpenclawPairingFiles(files: OpenclawFiles): boolean {
  return credentialFiles(files.credentials).length > 0 || existsSync(files.stateDb);
}

function credentialFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.startsWith(`${CHANNEL}-`) || name === `${CHANNEL}${ALLOW_FROM_SUFFIX}`)
      .sort();
  } catch {
    return [];
  }
}

function readCredentials(dir: string, state: OpenclawPairingState): void {
  for (const name of credentialFiles(dir)) {
    const file = path.join(dir, name);
    if (name === `${CHANNEL}-pairing.json`) {
      const parsed = readJson(file, PairingFileSchema, state);
      if (parsed) state.pending += parsed.requests.length;
      continue;
    }
    if (!name.endsWith(ALLOW_FROM_SUFFIX)) continue;
    const stem = name.slice(0, -ALLOW_FROM_SUFFIX.length);
    const account = stem === CHANNEL ? undefined : stem.slice(CHANNEL.length + 1);
    const parsed = readJson(file, AllowFromFileSchema, state);
    if (!parsed) continue;
    const list = Array.isArray(parsed) ? parsed : parsed.allowFrom;
    state.approvals.push({ account, entries: list.map(String), source: file });
  }
}

function readJson<T>(file: string, schema: z.ZodType<T>, state: OpenclawPairingState): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (parsed.success) return parsed.data;
    state.problems.push(`${file} does not have the shape OpenClaw writes; it was not read`);
  } catch (error) {
    state.problems.push(`could not read ${file}: ${(error as Error).message}`);
  }
  return undefined;
}

const AllowRowSchema = z.object({ account_id: z.string(), entry: z.string() });
const CountRowSchema = z.object({ pending: z.number() });

async function readStateDb(file: string, state: OpenclawPairingState): Promise<void> {
  try {
    const { DatabaseSync } = await import("node:sqlite");
    const db = new DatabaseSync(file, { readOnly: true });
    try {
      const rows = z
        .array(AllowRowSchema)
        .parse(
          db
            .prepare(
              "SELECT account_id, entry FROM channel_pairing_allow_entries WHERE channel_key = ? ORDER BY account_id, sort_order, entry",
            )
            .all(CHANNEL),
        );
      const byAccount = new Map<string, string[]>();
      for (const row of rows)
        byAccount.set(row.account_id, [...(byAccount.get(row.account_id) ?? []), row.entry]);
      for (const [account, entries] of byAccount) state.approvals.push({ account, entries, source: file });
      const count = CountRowSchema.parse(
        db
          .prepare("SELECT COUNT(*) AS pending FROM channel_pairing_requests WHERE channel_key = ?")
          .get(CHANNEL),
      );
      state.pending += count.pending;
    } finally {
      db.close();
    }
  } catch (error) {
    state.problems.push(`could not read the approvals in ${file}: ${(error as Error).message}`);
  }
}
