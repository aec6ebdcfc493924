import { accessSync, constants } from "node:fs";
import path from "node:path";
import { IMESSAGE_DEFAULTS } from "../config/resolve-accounts.ts";

/**
 * Where `imsg` lives when `cliPath` is a bare name. A path with a slash is used as given.
 *
 * For the default name (`imsg`, what an account without `cliPath` runs, so writing `cliPath: "imsg"`
 * is the same as leaving it out), the copy the app ships
 * comes first: the folder the app names in PINCH_BUNDLED_BIN_DIR, under process.resourcesPath. It
 * is signed with Pinch and runs as Pinch's child, so the Full Disk Access granted to Pinch covers
 * it and survives upgrades of both. Then Homebrew's folders (a GUI app does not inherit the shell's
 * PATH; Apple silicon, then Intel), then PATH. Another imsg is chosen by writing its path in
 * `cliPath`.
 */
const HOMEBREW_BINS = ["/opt/homebrew/bin", "/usr/local/bin"];
export const BUNDLED_BIN_DIR_ENV = "PINCH_BUNDLED_BIN_DIR";

export function resolveCliPath(cliPath: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (cliPath.includes("/")) return isExecutable(cliPath) ? cliPath : null;
  const searchPath = (env.PATH ?? "").split(path.delimiter).filter(Boolean);
  const bundledDir = env[BUNDLED_BIN_DIR_ENV];
  const bundled = bundledDir && cliPath === IMESSAGE_DEFAULTS.cliPath ? [bundledDir] : [];
  for (const dir of [...bundled, ...HOMEBREW_BINS, ...searchPath]) {
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
