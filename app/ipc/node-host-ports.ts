import type { Prefs } from "./contract.ts";
import type { HostPorts } from "./pinch-service.ts";

export interface RecordingHostPorts extends HostPorts {
  /** URLs and paths the window asked to open, in order: a browser harness cannot open System Settings. */
  readonly opened: string[];
}

/**
 * Host ports for running the service outside Electron (the browser harness, `npm run demo`):
 * preferences in memory, and "open" requests recorded instead of performed.
 */
export function createNodeHostPorts(initial: Partial<Prefs> = {}): RecordingHostPorts {
  let prefs: Prefs = { startAtLogin: false, firstRunDone: false, ...initial };
  const opened: string[] = [];
  return {
    opened,
    async openExternal(url) {
      opened.push(url);
      return true;
    },
    async openPath(path) {
      opened.push(path);
    },
    getPrefs: () => prefs,
    setPrefs(patch) {
      prefs = { ...prefs, ...patch };
      return prefs;
    },
    versions: { host: "node" },
  };
}
