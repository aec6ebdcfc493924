/**
 * The config file's text and the user's raw object, both ways. Reading
 * refuses what is not an object with a message naming the file and the
 * position; writing keeps the file's flavour (JSON5, or strict JSON for a
 * `.json` file). Comments are lost on write: JSON5 cannot round-trip them.
 */
import path from "node:path";
import JSON5 from "json5";
import type { ConfigError } from "./config-errors.ts";

/**
 * The largest config file read. A generous config with many accounts and agents is tens of
 * kilobytes; JSON5 parsing of a 30 MB file took 26 s and over 1 GB, which would stall the
 * gateway and the window on a file that cannot be a real config.
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export function tooLargeError(filePath: string, bytes: number): ConfigError {
  const size = (bytes / (1024 * 1024)).toFixed(1);
  return {
    path: "",
    message: `${filePath} is ${size} MiB, larger than the 1 MiB a config may be; it was not read`,
  };
}

export type RawParse = { ok: true; raw: Record<string, unknown> } | { ok: false; errors: ConfigError[] };

export function parseRawText(text: string, filePath: string): RawParse {
  // Text from the watcher or the settings editor never went through the reader's size check.
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_CONFIG_BYTES) return { ok: false, errors: [tooLargeError(filePath, bytes)] };
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

/** JSON5 with double quotes for `.json5` files; strict JSON when the file is named `.json`. */
export function serializeConfig(raw: Record<string, unknown>, filePath: string): string {
  const text =
    path.extname(filePath).toLowerCase() === ".json"
      ? JSON.stringify(raw, null, 2)
      : JSON5.stringify(raw, { space: 2, quote: '"' });
  return `${text}\n`;
}

/** What the file and each of its sections must be: an object, not a list or null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
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
