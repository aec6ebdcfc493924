/**
 * The config file on disk: the only reader and writer of it.
 *
 * Every write is one transaction (`editConfigFile`): read the file, apply the
 * edits to the user's own parsed object (not the validated copy, so keys we do
 * not know survive), validate the whole result, write it atomically with mode
 * 0600 (the file may hold tokens); all of it while no other edit of the file
 * runs, in this process or another.
 */
import { readFile, stat } from "node:fs/promises";
import { writeFileAtomic } from "../fs/atomic-write.ts";
import type { ConfigError } from "./config-errors.ts";
import { MAX_CONFIG_BYTES, parseRawText, serializeConfig, tooLargeError } from "./config-text.ts";
import { withConfigWriteLock } from "./config-write-lock.ts";
import { applyEdits, type ConfigEdit } from "./edit-config-tree.ts";
import type { PinchConfig } from "./schema.ts";
import { classifyUnreadConfigKeys } from "./unknown-keys.ts";
import { type ValidateOptions, validateConfig } from "./validate-config.ts";

export type ConfigLoadResult =
  | {
      ok: true;
      /** Validated, for the gateway to read. */
      config: PinchConfig;
      /** The file's object as written, every unknown key included. */
      raw: Record<string, unknown>;
      warnings: ConfigError[];
      /** There is no file: every default applies, and there is no account yet. */
      missing?: true;
    }
  | { ok: false; errors: ConfigError[] };

export type ConfigWriteResult =
  | (ConfigLoadResult & { ok: true; changed: boolean })
  | { ok: false; errors: ConfigError[] };

/** The edits, or how to work them out from the raw object as the transaction read it. */
export type EditPlan = readonly ConfigEdit[] | ((raw: Record<string, unknown>) => readonly ConfigEdit[]);

/** The caller's own rules, on the same raw object the edits apply to; a problem refuses the edit. */
export type EditCheck = (raw: Record<string, unknown>, edits: readonly ConfigEdit[]) => ConfigError | null;

export type EditOptions = ValidateOptions & { check?: EditCheck };

/** A missing file is an empty config: every default applies. */
export async function loadConfigFile(
  filePath: string,
  options: ValidateOptions = {},
): Promise<ConfigLoadResult> {
  const read = await readRawConfig(filePath);
  if (!read.ok) return read;
  const loaded = validateRaw(read.raw, options);
  return loaded.ok && !read.exists ? { ...loaded, missing: true } : loaded;
}

/** What to say where a missing file leaves no account to act for: the path, and how one is made. */
export function missingConfigMessage(filePath: string): string {
  return `there is no config file at ${filePath}; open the Pinch app to set one up, or write one there with a channels.imessage section`;
}

/** The same checks for text already in hand (the watcher, the settings editor). */
export function parseConfigText(
  text: string,
  filePath: string,
  options: ValidateOptions = {},
): ConfigLoadResult {
  const parsed = parseRawText(text, filePath);
  return parsed.ok ? validateRaw(parsed.raw, options) : parsed;
}

/**
 * The one way to change the config file. The edits are refused as a whole
 * when one cannot be applied, when it writes a key the schema does not know
 * (an old unknown key elsewhere does not count), when the caller's check
 * finds a problem, or when the result is not a valid config. Values are
 * stored as given: text is parsed at the edges that receive text.
 * A plan that throws leaves the file untouched and its error is passed on.
 */
export function editConfigFile(
  filePath: string,
  plan: EditPlan,
  options: EditOptions = {},
): Promise<ConfigWriteResult> {
  return transaction(filePath, plan, options, false);
}

/** Writes `{}` when there is no file yet, so an editor has something to open. */
export function createConfigFile(filePath: string): Promise<ConfigWriteResult> {
  return transaction(filePath, [], {}, true);
}

function transaction(
  filePath: string,
  plan: EditPlan,
  options: EditOptions,
  createMissing: boolean,
): Promise<ConfigWriteResult> {
  return withConfigWriteLock(
    filePath,
    async (): Promise<ConfigWriteResult> => {
      const read = await readRawConfig(filePath);
      if (!read.ok) return read;
      const edits = typeof plan === "function" ? plan(read.raw) : plan;
      const applied = applyEdits(read.raw, edits);
      if (!applied.ok) return refused(applied.problem);
      if (!applied.changed && (read.exists || !createMissing)) {
        const current = validateRaw(read.raw, options);
        return current.ok ? { ...current, changed: false } : current;
      }
      const problem = unknownKeyWritten(read.raw, applied.next) ?? options.check?.(read.raw, edits) ?? null;
      if (problem) return refused(problem);
      const validation = validateRaw(applied.next, options);
      if (!validation.ok) return validation;
      try {
        await writeFileAtomic(filePath, serializeConfig(applied.next, filePath), { mode: 0o600 });
      } catch (error) {
        return refused({ path: "", message: (error as Error).message });
      }
      return { ...validation, changed: true };
    },
    (error) => refused({ path: "", message: error.message }),
  );
}

/**
 * The first key the edits add that Pinch would not act on: a reference key it leaves aside, or
 * one the schema does not know (a typo). Either is refused: saving it would change nothing.
 */
function unknownKeyWritten(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): ConfigError | null {
  const old = classifyUnreadConfigKeys(before);
  const now = classifyUnreadConfigKeys(after);
  const ignored = now.ignored.find((keyPath) => !old.ignored.includes(keyPath));
  if (ignored !== undefined)
    return { path: ignored, message: "not supported by Pinch (it would be ignored), so nothing was saved" };
  const unknown = now.unknown.find((keyPath) => !old.unknown.includes(keyPath));
  return unknown === undefined
    ? null
    : {
        path: unknown,
        message: "unknown key; Pinch would ignore it, so nothing was saved (check the spelling)",
      };
}

function refused(error: ConfigError): ConfigWriteResult {
  return { ok: false, errors: [error] };
}

function validateRaw(raw: Record<string, unknown>, options: ValidateOptions): ConfigLoadResult {
  const validation = validateConfig(raw, options);
  return validation.ok
    ? { ok: true, config: validation.config, raw, warnings: validation.warnings }
    : validation;
}

type RawRead =
  | { ok: true; raw: Record<string, unknown>; exists: boolean }
  | { ok: false; errors: ConfigError[] };

async function readRawConfig(filePath: string): Promise<RawRead> {
  let text: string;
  try {
    // Measured before reading: parsing a file far past any real config takes seconds and gigabytes.
    const { size } = await stat(filePath);
    if (size > MAX_CONFIG_BYTES) return { ok: false, errors: [tooLargeError(filePath, size)] };
    text = await readFile(filePath, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { ok: true, raw: {}, exists: false };
    return {
      ok: false,
      errors: [{ path: "", message: `could not read ${filePath}: ${(error as Error).message}` }],
    };
  }
  const parsed = parseRawText(text, filePath);
  return parsed.ok ? { ...parsed, exists: true } : parsed;
}
