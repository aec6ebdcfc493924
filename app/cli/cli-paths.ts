import { homedir } from "node:os";
import path from "node:path";
import { defaultConfigPath, defaultStateDir } from "../config/default-paths.ts";

/** `--config` / `--state-dir` win, then PINCH_CONFIG / PINCH_STATE_DIR, then the platform defaults. */
export function resolveCliPaths(flags: { config?: string | undefined; stateDir?: string | undefined }): {
  configPath: string;
  stateDir: string;
} {
  const home = homedir();
  return {
    configPath: path.resolve(flags.config ?? defaultConfigPath(process.env, process.platform, home)),
    stateDir: path.resolve(flags.stateDir ?? defaultStateDir(process.env, process.platform, home)),
  };
}

/** Exit codes: 0 ok, 1 runtime failure, 2 usage or config error. */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;

export class UsageError extends Error {
  override name = "UsageError";
}
