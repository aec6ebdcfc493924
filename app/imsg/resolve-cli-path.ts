import { accessSync, constants } from "node:fs";
import path from "node:path";

/**
 * Where `imsg` lives when `cliPath` is a bare name. A GUI app does not inherit
 * the shell's PATH, so Homebrew's folders are searched first (Apple silicon,
 * then Intel), then PATH, and last the copy the app may bundle (the folder the
 * app names in PINCH_BUNDLED_BIN_DIR, under process.resourcesPath), so an
 * imsg the user installed and updates wins. A path with a slash is used as given.
 */
const HOMEBREW_BINS = ["/opt/homebrew/bin", "/usr/local/bin"];
export const BUNDLED_BIN_DIR_ENV = "PINCH_BUNDLED_BIN_DIR";

export function resolveCliPath(cliPath: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (cliPath.includes("/")) return isExecutable(cliPath) ? cliPath : null;
  const searchPath = (env.PATH ?? "").split(path.delimiter).filter(Boolean);
  const bundled = env[BUNDLED_BIN_DIR_ENV] ? [env[BUNDLED_BIN_DIR_ENV]] : [];
  for (const dir of [...HOMEBREW_BINS, ...searchPath, ...bundled]) {
    const candidate = path.join(dir, cliPath);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
