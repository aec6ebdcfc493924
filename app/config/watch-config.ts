/**
 * Live reload of the config file.
 *
 * The directory is watched, not the file: an atomic save (ours, or an
 * editor's) renames a new file over the old one, and a watch on the old
 * file's inode would go quiet after the first save. Events are debounced
 * (editors and atomic writes emit several per save) and a content hash skips
 * events that did not change anything (a rewrite with identical bytes, a
 * touch, our own temp file appearing and vanishing).
 */
import { createHash } from "node:crypto";
import { type FSWatcher, mkdirSync, readFileSync, watch } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type ConfigLoadResult, parseConfigText } from "./config-file.ts";
import type { ValidateOptions } from "./validate-config.ts";

export type ConfigWatcher = { close(): void };

export type WatchConfigOptions = ValidateOptions & {
  /** Quiet time after the last event before the file is read. Default 100 ms. */
  debounceMs?: number;
  /** The watch itself failed (folder removed, too many watches); the watcher stops. */
  onError?: (error: Error) => void;
};

/**
 * Calls `onChange` with the freshly loaded config after each change of the
 * file's content. An invalid file is reported as `{ ok: false, errors }`: the
 * caller keeps running its last valid config and shows the errors.
 */
export function watchConfigFile(
  filePath: string,
  onChange: (result: ConfigLoadResult) => void,
  options: WatchConfigOptions = {},
): ConfigWatcher {
  const target = path.resolve(filePath);
  const directory = path.dirname(target);
  const name = path.basename(target);
  const debounceMs = options.debounceMs ?? 100;
  mkdirSync(directory, { recursive: true, mode: 0o700 });

  let lastHash = hashContent(readTextSync(target));
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let checking = false;
  let recheck = false;

  const check = async (): Promise<void> => {
    if (checking) {
      recheck = true;
      return;
    }
    checking = true;
    try {
      const read = await readText(target);
      const hash = read.ok ? hashContent(read.text) : `unreadable:${read.message}`;
      if (closed || hash === lastHash) return;
      lastHash = hash;
      if (!read.ok) onChange({ ok: false, errors: [{ path: "", message: read.message }] });
      // A deleted config reads as an empty one, exactly as at startup.
      else onChange(parseConfigText(read.text ?? "{}", target, options));
    } finally {
      checking = false;
      if (recheck && !closed) {
        recheck = false;
        void check();
      }
    }
  };

  const watcher: FSWatcher = watch(directory, (_event, changed) => {
    // Some platforms omit the name; then any event in the folder is worth a look.
    if (changed !== null && changed !== name) return;
    clearTimeout(timer);
    timer = setTimeout(() => void check(), debounceMs);
  });
  watcher.on("error", (error) => {
    close();
    options.onError?.(error);
  });

  function close(): void {
    closed = true;
    clearTimeout(timer);
    watcher.close();
  }
  return { close };
}

function hashContent(text: string | undefined): string {
  return text === undefined ? "missing" : createHash("sha256").update(text).digest("hex");
}

function readTextSync(filePath: string): string | undefined {
  try {
    return readFileSync(filePath, "utf8");
  } catch {
    return undefined;
  }
}

type TextRead = { ok: true; text: string | undefined } | { ok: false; message: string };

/** Missing is a state (`text: undefined`); unreadable is an error, never mistaken for "no config". */
async function readText(filePath: string): Promise<TextRead> {
  try {
    return { ok: true, text: await readFile(filePath, "utf8") };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { ok: true, text: undefined };
    return { ok: false, message: `could not read ${filePath}: ${(error as Error).message}` };
  }
}
