/**
 * One config edit at a time per file: a queue inside this process, and a lock
 * file next to the config for the other processes (the app and a `pinch`
 * command writing at the same moment). Without both, an edit that read the file
 * before another one wrote it would save over that change.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { withFileLock } from "../state/file-lock.ts";

const pending = new Map<string, Promise<unknown>>();

/**
 * Runs `task` while no other edit of the file runs, here or in another Pinch
 * process. Failing to take the lock is `onLockFailure`'s answer; what `task`
 * throws is passed on unchanged.
 */
export function withConfigWriteLock<T>(
  filePath: string,
  task: () => Promise<T>,
  onLockFailure: (error: Error) => T,
): Promise<T> {
  const key = path.resolve(filePath);
  const locked = async (): Promise<T> => {
    let started = false;
    try {
      await mkdir(path.dirname(key), { recursive: true, mode: 0o700 });
      return await withFileLock(`${key}.lock`, () => {
        started = true;
        return task();
      });
    } catch (error) {
      if (started) throw error;
      return onLockFailure(error as Error);
    }
  };
  const previous = pending.get(key) ?? Promise.resolve();
  const run = previous.then(locked, locked);
  const settled = run.catch(() => undefined);
  pending.set(key, settled);
  void settled.then(() => {
    if (pending.get(key) === settled) pending.delete(key);
  });
  return run;
}
