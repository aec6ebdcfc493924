import type { Prefs } from "../ipc/setup-schemas.ts";

/** What only the host can do: Electron in the app, plain Node in the browser harness. */
export interface HostPorts {
  /** Opens one of the System Settings URLs of settings-links.ts; resolves false when it could not. */
  openExternal(url: string): Promise<boolean>;
  /** Shows a file in its default editor (the config file). */
  openPath(path: string): Promise<void>;
  /** App preferences; setting `startAtLogin` also registers the login item. */
  getPrefs(): Prefs;
  setPrefs(patch: Partial<Prefs>): Prefs;
  /** Calls `listener` after any change of the preferences, from the window or the menu bar. */
  subscribePrefs?(listener: () => void): () => void;
  /** The keychain (in the app): model keys are stored here and named in the config as `keychain:NAME`. */
  secrets?: { set(name: string, value: string): Promise<void>; resolve(ref: string): Promise<string> };
  /** Quits and starts the app again (a new Full Disk Access grant reaches only a new process). */
  relaunch?(): void;
  /** Lets the user pick one file; undefined when they cancelled. */
  chooseFile?(request: { title: string; message: string }): Promise<string | undefined>;
  /** The Mac's region, ISO 3166 alpha-2 (the app's locale): phone numbers without a country code read in it. */
  region?: string;
  /** Versions for diagnostics (`app`, `electron`, `node`, `imsg`…). */
  versions?: Record<string, string>;
}
