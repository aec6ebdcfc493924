/**
 * `pinch import openclaw` and the wizard's import step: reads an OpenClaw
 * state directory, works out what Pinch's config and pairing stores would
 * gain (a dry run shows exactly that), and writes it when asked. The config
 * goes through the one config writer, the approvals through the accounts'
 * pairing stores; the reference's files are only read.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { PairingStore } from "../access/pairing-store.ts";
import { describeConfigError } from "../config/config-errors.ts";
import { type EditPlan, loadConfigFile } from "../config/config-file.ts";
import { parseRawText } from "../config/config-text.ts";
import { applyEdits } from "../config/edit-config-tree.ts";
import { resolveAccounts, resolveDefaultAccountId } from "../config/resolve-accounts.ts";
import type { PinchConfig } from "../config/schema.ts";
import { validateConfig } from "../config/validate-config.ts";
import { planApprovalsImport } from "./approvals-import-plan.ts";
import { planConfigImport } from "./config-import-plan.ts";
import type { ImportReport } from "./import-report.ts";
import { hasOpenclawPairingFiles, readOpenclawPairing } from "./openclaw-approvals.ts";
import type { OpenclawFiles } from "./openclaw-paths.ts";

export interface ImportTarget {
  configPath: string;
  /** Where numbers without a country code are read when the config sets no `region` (the Mac's, the terminal's). */
  defaultRegion?: string | undefined;
  /** An account's pairing store (the window passes the gateway's own). */
  pairingStore(accountId: string): PairingStore;
  /** Writes the edits through the one config writer; the errors, when it refused them. */
  writeConfig(plan: EditPlan): Promise<{ ok: true } | { ok: false; errors: string[] }>;
}

export type ImportOutcome = { ok: true; report: ImportReport } | { ok: false; message: string };

export async function runOpenclawImport(
  files: OpenclawFiles,
  target: ImportTarget,
  options: { apply: boolean },
): Promise<ImportOutcome> {
  if (!existsSync(files.config) && !hasOpenclawPairingFiles(files)) {
    return {
      ok: false,
      message: `${files.dir} holds no OpenClaw state (no openclaw.json, no credentials/imessage-*.json, no state/openclaw.sqlite); name OpenClaw's state directory with --from DIR`,
    };
  }
  const openclaw = await readOpenclawConfig(files.config);
  if (!openclaw.ok) return openclaw;
  const pinch = await loadConfigFile(target.configPath);
  if (!pinch.ok) {
    return {
      ok: false,
      message: `Pinch's config ${target.configPath} has errors; fix them first: ${pinch.errors.map(describeConfigError).join("; ")}`,
    };
  }

  const configPlan = planConfigImport(openclaw.raw, pinch.raw);
  const merged = applyEdits(pinch.raw, configPlan.edits);
  const validation = merged.ok ? validateConfig(merged.next) : undefined;
  const errors = !merged.ok
    ? [describeConfigError(merged.problem)]
    : validation && !validation.ok
      ? validation.errors.map(describeConfigError)
      : [];
  const config: PinchConfig = validation?.ok ? validation.config : pinch.config;

  const pairing = await readOpenclawPairing(files);
  const approvals = planApprovalsImport({
    approvals: pairing.approvals,
    accounts: resolveAccounts(config, { defaultRegion: target.defaultRegion }),
    defaultAccountId: resolveDefaultAccountId(config),
    approvedKeys: (id) =>
      new Set(
        target
          .pairingStore(id)
          .read()
          .approved.map((entry) => entry.key),
      ),
    storePath: (id) => target.pairingStore(id).path,
  });

  const report: ImportReport = {
    from: files.dir,
    configPath: target.configPath,
    config: { set: configPlan.set, kept: configPlan.kept, leftOut: configPlan.leftOut, errors },
    approvals: approvals.map(({ entries: _entries, ...shown }) => shown),
    pending: pairing.pending,
    problems: pairing.problems,
    applied: false,
  };
  if (!options.apply || errors.length > 0) return { ok: true, report };

  if (configPlan.edits.length > 0) {
    const written = await target.writeConfig((raw) => planConfigImport(openclaw.raw, raw).edits);
    if (!written.ok) {
      return { ok: true, report: { ...report, config: { ...report.config, errors: written.errors } } };
    }
  }
  for (const account of approvals) {
    if (account.entries.length > 0) await target.pairingStore(account.account).addApproved(account.entries);
  }
  return { ok: true, report: { ...report, applied: true } };
}

async function readOpenclawConfig(
  file: string,
): Promise<{ ok: true; raw: Record<string, unknown> } | { ok: false; message: string }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { ok: true, raw: {} };
    return { ok: false, message: `could not read ${file}: ${(error as Error).message}` };
  }
  const parsed = parseRawText(text, file);
  return parsed.ok ? parsed : { ok: false, message: parsed.errors.map(describeConfigError).join("; ") };
}
