import { DEFAULT_REGION } from "./access/phone-region.ts";
import type { Logger } from "./log/logger.ts";

/**
 * What every part of the core is run with, passed as one object instead of
 * the same four or five options re-declared at each layer: where the config
 * and the state live, the environment children are started with (PATH for
 * imsg, the simulator's switches in tests), the log, and imsg's watch
 * debounce.
 */
export interface CoreContext {
  readonly configPath: string;
  readonly stateDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly log: Logger;
  /** Passed to `watch.subscribe`; imsg's own default is 500 ms, which becomes everyone's latency floor. */
  readonly watchDebounceMs: number;
  /** The Mac's region (the app's locale): how phone numbers read when the config sets no `region`. */
  readonly defaultRegion: string;
}

export function coreContext(init: {
  configPath: string;
  stateDir: string;
  log: Logger;
  env?: NodeJS.ProcessEnv | undefined;
  watchDebounceMs?: number | undefined;
  defaultRegion?: string | undefined;
}): CoreContext {
  return {
    configPath: init.configPath,
    stateDir: init.stateDir,
    log: init.log,
    env: init.env ?? process.env,
    watchDebounceMs: init.watchDebounceMs ?? 0,
    defaultRegion: init.defaultRegion ?? DEFAULT_REGION,
  };
}
