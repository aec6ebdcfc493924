/**
 * Replace a file so that readers (and a crash at any moment) see either the
 * old content or the new, never a torn mix: write a temporary file in the same
 * directory, flush it to disk, rename it over the target, then flush the
 * directory so the rename itself survives a power cut.
 *
 * Used for the config and for every state file; pairing approvals and the
 * config may hold secrets, hence the 0600 default.
 */
import { randomBytes } from "node:crypto";
import { open, realpath, rename, unlink } from "node:fs/promises";
import path from "node:path";

export type AtomicWriteOptions = {
  /** Permission bits of the written file, applied exactly (not masked by the umask). Default 0o600. */
  mode?: number;
};

export class AtomicWriteError extends Error {
  readonly path: string;
  readonly code: string | undefined;

  constructor(filePath: string, cause: unknown) {
    const code = errorCode(cause);
    super(`could not write ${filePath}: ${causeText(cause)}${hintFor(code, filePath)}`, { cause });
    this.name = "AtomicWriteError";
    this.path = filePath;
    this.code = code;
  }
}

export async function writeFileAtomic(
  filePath: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const mode = options.mode ?? 0o600;
  // Write through a symlink (a config kept in a dotfiles repo) instead of replacing the link itself.
  const target = await resolveSymlink(filePath);
  const directory = path.dirname(target);
  const tempPath = path.join(
    directory,
    `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`,
  );
  try {
    const handle = await open(tempPath, "wx", mode);
    try {
      await handle.writeFile(data);
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, target);
  } catch (error) {
    await unlink(tempPath).catch(() => {
      // Nothing to remove when the temp file was never created.
    });
    throw new AtomicWriteError(filePath, error);
  }
  await syncDirectory(directory);
}

async function resolveSymlink(filePath: string): Promise<string> {
  try {
    return await realpath(filePath);
  } catch {
    // A target that does not exist yet is created where it was named.
    return filePath;
  }
}

/**
 * Flushes the directory entry of the rename. Some platforms and file systems
 * refuse fsync on a directory; the file's own data is already on disk then,
 * so that refusal is not worth failing a completed write for.
 */
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // See above: best effort by design.
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function causeText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function hintFor(code: string | undefined, filePath: string): string {
  switch (code) {
    case "ENOSPC":
    case "EDQUOT":
      return "; the disk is full: free some space and try again (the previous file is unchanged)";
    case "EACCES":
    case "EPERM":
      return `; no permission to write in ${path.dirname(filePath)} (the previous file is unchanged)`;
    case "EROFS":
      return "; the file system is read-only (the previous file is unchanged)";
    case "ENOENT":
      return `; the folder ${path.dirname(filePath)} does not exist`;
    default:
      return " (the previous file is unchanged)";
  }
}
