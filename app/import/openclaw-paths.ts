import path from "node:path";

/**
 * Where OpenClaw keeps its state: `$OPENCLAW_STATE_DIR` when set, else
 * `.openclaw` in its home (`$OPENCLAW_HOME`, else the user's home).
 */
export function defaultOpenclawDir(env: NodeJS.ProcessEnv, home: string): string {
  const stateDir = env.OPENCLAW_STATE_DIR?.trim();
  if (stateDir) return path.resolve(stateDir);
  return path.join(env.OPENCLAW_HOME?.trim() || env.HOME?.trim() || home, ".openclaw");
}

/** The files of one OpenClaw state directory that an import reads. */
export interface OpenclawFiles {
  dir: string;
  /** `openclaw.json` (JSON5). */
  config: string;
  /** Older installs: `imessage-pairing.json` and `imessage[-<account>]-allowFrom.json`. */
  credentials: string;
  /** Newer installs keep pairing requests and approvals in this SQLite database. */
  stateDb: string;
}

/**
 * `OPENCLAW_CONFIG_PATH` moves the config file of the default install only:
 * an explicit directory is read as a whole.
 */
export function openclawFiles(dir: string, env: NodeJS.ProcessEnv, explicitDir: boolean): OpenclawFiles {
  const configOverride = explicitDir ? undefined : env.OPENCLAW_CONFIG_PATH?.trim();
  return {
    dir,
    config: configOverride ? path.resolve(configOverride) : path.join(dir, "openclaw.json"),
    credentials: path.join(dir, "credentials"),
    stateDb: path.join(dir, "state", "openclaw.sqlite"),
  };
}
