import type { Prefs } from "../ipc/setup-schemas.ts";
import { defaultPrefs } from "../preferences/prefs-schema.ts";
import { prefsView } from "../preferences/prefs-view.ts";
import { createEnvSecretResolver } from "../secrets/env-secret-resolver.ts";
import { SecretError } from "../secrets/secret-resolver.ts";
import type { HostPorts } from "./host-ports.ts";

export interface RecordingHostPorts extends HostPorts {
  /** URLs and paths the window asked to open, in order: a browser harness cannot open System Settings. */
  readonly opened: string[];
  /** How many times the window asked to quit and reopen the app. */
  readonly relaunches: () => number;
  /** What the next file picker answers: a path, or undefined for Cancel. A test sets it. */
  nextChosenFile: string | undefined;
  /** Always there outside the app: keys stored in memory for the run. */
  secrets: NonNullable<HostPorts["secrets"]>;
}

/**
 * Host ports for running the service outside Electron (the browser harness, `npm run demo`):
 * preferences and keys in memory, "open" and relaunch requests recorded instead of performed, and
 * a file picker that answers what the test put in `nextChosenFile`.
 */
export function createNodeHostPorts(
  initial: Partial<Prefs> = {},
  facts: { region?: string } = {},
): RecordingHostPorts {
  let prefs: Prefs = { ...prefsView(defaultPrefs()), ...initial };
  const opened: string[] = [];
  const listeners = new Set<() => void>();
  // Keys given in the window live in this process only; `env:` and literal refs resolve as headless.
  const keys = new Map<string, string>();
  let relaunches = 0;
  const ports: RecordingHostPorts = {
    opened,
    relaunches: () => relaunches,
    relaunch() {
      relaunches += 1;
    },
    nextChosenFile: undefined,
    async chooseFile() {
      return ports.nextChosenFile;
    },
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
      for (const listener of listeners) listener();
      return prefs;
    },
    subscribePrefs(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    secrets: {
      async set(name, value) {
        keys.set(name, value);
      },
      resolve: createEnvSecretResolver(process.env, async (name) => {
        const value = keys.get(name);
        if (value === undefined) throw new SecretError(`no key named "${name}" was stored in this run`);
        return value;
      }).resolve,
    },
    versions: { host: "node" },
    ...(facts.region === undefined ? {} : { region: facts.region }),
  };
  return ports;
}
