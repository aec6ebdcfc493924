/**
 * The config file on disk: the only reader and writer of it.
 *
 * Writes edit the user's own parsed object (not the validated copy), so keys
 * we do not know survive; every write validates the whole result first and
 * lands atomically with mode 0600 (the file may hold tokens). Comments are
 * lost on write: JSON5 cannot round-trip them.
 */
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import JSON5 from "json5";
import { writeFileAtomic } from "../fs/atomic-write.ts";
import type { ConfigError } from "./config-errors.ts";
import { setAtKeyPath, type TreeEdit, unsetAtKeyPath } from "./edit-config-tree.ts";
import { type KeyPathSegment, parseKeyPath } from "./key-path.ts";
import type { PinchConfig } from "./schema.ts";
import { type ValidateOptions, validateConfig } from "./validate-config.ts";

export type ConfigLoadResult =
  | {
      ok: true;
      /** Validated, for the gateway to read. */
      config: PinchConfig;
      /** The file's object as written, every unknown key included. */
      raw: Record<string, unknown>;
      warnings: ConfigError[];
    }
  | { ok: false; errors: ConfigError[] };

export type ConfigWriteResult =
  | (ConfigLoadResult & { ok: true; changed: boolean })
  | { ok: false; errors: ConfigError[] };

type RawRead = { ok: true; raw: Record<string, unknown> } | { ok: false; errors: ConfigError[] };

/** A missing file is an empty config: every default applies. */
export async function loadConfigFile(
  filePath: string,
  options: ValidateOptions = {},
): Promise<ConfigLoadResult> {
  const read = await readRawConfig(filePath);
  return read.ok ? validateRaw(read.raw, options) : read;
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
 * `/config set` input: JSON5 when it parses (numbers, booleans, lists, quoted
 * strings), else the plain text. A leading `+` and digits stays text: it is a
 * phone number, and JSON5 would read it as a number and drop the `+`.
 */
export function parseConfigValueText(text: string): unknown {
  const trimmed = text.trim();
  if (/^\+\d/.test(trimmed)) return trimmed;
  try {
    return JSON5.parse(trimmed);
  } catch {
    return trimmed;
  }
}

/**
 * Sets one key and writes the file if the whole resulting config is valid.
 * A string `value` is read with `parseConfigValueText` (quote it to keep
 * `"true"` a string); other values are stored as given.
 */
export function setConfigValue(
  filePath: string,
  keyPath: string,
  value: unknown,
  options: ValidateOptions = {},
): Promise<ConfigWriteResult> {
  const parsedValue = typeof value === "string" ? parseConfigValueText(value) : value;
  return editConfigFile(filePath, keyPath, options, (raw, segments) =>
    setAtKeyPath(raw, segments, parsedValue),
  );
}

/** Removes one key (or list entry); a key that is already absent leaves the file untouched. */
export function unsetConfigValue(
  filePath: string,
  keyPath: string,
  options: ValidateOptions = {},
): Promise<ConfigWriteResult> {
  return editConfigFile(filePath, keyPath, options, unsetAtKeyPath);
}

/** Whole-object write (the settings window): validated, atomic, 0600. */
export function saveConfig(
  filePath: string,
  raw: unknown,
  options: ValidateOptions = {},
): Promise<ConfigWriteResult> {
  return serializeWrites(filePath, async () => {
    if (!isPlainObject(raw)) {
      return { ok: false, errors: [{ path: "", message: "the config must be an object" }] };
    }
    const copy = structuredClone(raw);
    return writeValidated(filePath, copy, options);
  });
}

type Edit = (raw: Record<string, unknown>, segments: KeyPathSegment[]) => TreeEdit;

function editConfigFile(
  filePath: string,
  keyPath: string,
  options: ValidateOptions,
  edit: Edit,
): Promise<ConfigWriteResult> {
  return serializeWrites(filePath, async () => {
    const parsedPath = parseKeyPath(keyPath);
    if (!parsedPath.ok) return { ok: false, errors: [{ path: keyPath, message: parsedPath.message }] };
    const read = await readRawConfig(filePath);
    if (!read.ok) return read;
    const edited = structuredClone(read.raw);
    const outcome = edit(edited, parsedPath.segments);
    if (!outcome.ok) return { ok: false, errors: [{ path: keyPath, message: outcome.message }] };
    if (!outcome.changed) {
      const current = validateRaw(read.raw, options);
      return current.ok ? { ...current, changed: false } : current;
    }
    return writeValidated(filePath, edited, options);
  });
}

async function writeValidated(
  filePath: string,
  raw: Record<string, unknown>,
  options: ValidateOptions,
): Promise<ConfigWriteResult> {
  const validation = validateRaw(raw, options);
  if (!validation.ok) return validation;
  try {
    await mkdir(path.dirname(filePath), { recursive: true, mode: 0o700 });
    await writeFileAtomic(filePath, serializeConfig(raw, filePath), { mode: 0o600 });
  } catch (error) {
    return { ok: false, errors: [{ path: "", message: (error as Error).message }] };
  }
  return { ...validation, changed: true };
}

/** JSON5 with double quotes for `.json5` files; strict JSON when the file is named `.json`. */
function serializeConfig(raw: Record<string, unknown>, filePath: string): string {
  const text =
    path.extname(filePath).toLowerCase() === ".json"
      ? JSON.stringify(raw, null, 2)
      : JSON5.stringify(raw, { space: 2, quote: '"' });
  return `${text}\n`;
}

function validateRaw(raw: Record<string, unknown>, options: ValidateOptions): ConfigLoadResult {
  const validation = validateConfig(raw, options);
  return validation.ok
    ? { ok: true, config: validation.config, raw, warnings: validation.warnings }
    : validation;
}

async function readRawConfig(filePath: string): Promise<RawRead> {
  let text: string;
  try {
    text = await readFile(filePath, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { ok: true, raw: {} };
    return {
      ok: false,
      errors: [{ path: "", message: `could not read ${filePath}: ${(error as Error).message}` }],
    };
  }
  return parseRawText(text, filePath);
}

function parseRawText(text: string, filePath: string): RawRead {
  // An empty file is refused rather than read as "no config": an editor that truncates
  // before writing would otherwise switch every account off for a moment.
  if (text.trim() === "") {
    return {
      ok: false,
      errors: [{ path: "", message: `${filePath} is empty; write {} for an empty config` }],
    };
  }
  let raw: unknown;
  try {
    raw = JSON5.parse(text);
  } catch (error) {
    return { ok: false, errors: [syntaxError(error, filePath)] };
  }
  if (!isPlainObject(raw)) {
    return {
      ok: false,
      errors: [{ path: "", message: `${filePath} must contain an object ({ … }) at the top level` }],
    };
  }
  return { ok: true, raw };
}

function syntaxError(error: unknown, filePath: string): ConfigError {
  const { lineNumber, columnNumber, message } = error as {
    lineNumber?: number;
    columnNumber?: number;
    message?: string;
  };
  // JSON5 messages read "JSON5: invalid character 'x' at 3:7"; the position is reported separately.
  const reason = (message ?? String(error)).replace(/^JSON5: /, "").replace(/ at \d+:\d+$/, "");
  return {
    path: "",
    message: `${filePath} is not valid JSON5: ${reason}`,
    ...(lineNumber !== undefined ? { line: lineNumber } : {}),
    ...(columnNumber !== undefined ? { column: columnNumber } : {}),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const pendingWrites = new Map<string, Promise<unknown>>();

/** One edit at a time per file inside this process, so two `/config set` never lose each other's change. */
function serializeWrites<T>(filePath: string, task: () => Promise<T>): Promise<T> {
  const key = path.resolve(filePath);
  const previous = pendingWrites.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const settled = run.catch(() => undefined);
  pendingWrites.set(key, settled);
  void settled.then(() => {
    if (pendingWrites.get(key) === settled) pendingWrites.delete(key);
  });
  return run;
}
