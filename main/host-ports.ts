// What only the app can do for the window's service: open allow-listed URLs and files, quit and
// reopen, show a file picker, keep model keys in the keychain, and keep the app preferences, of
// which "start at login" is the macOS login item itself. The Electron calls come in as functions, so the unit tests run this with stand-ins.

import type { PrefsStore } from "../app/preferences/prefs-store.ts";
import { prefsView, storedPrefsPatch } from "../app/preferences/prefs-view.ts";
import type { HostPorts } from "../app/services/host-ports.ts";
import type { LoginItem } from "./login-item.ts";

export function createHostPorts(options: {
  prefs: PrefsStore;
  loginItem: Pick<LoginItem, "enabled" | "set">;
  /** Must apply the external-URL allow-list (open-external.ts does). */
  openExternal(url: string): Promise<boolean>;
  openPath(file: string): Promise<void>;
  relaunch(): void;
  chooseFile: NonNullable<HostPorts["chooseFile"]>;
  /** The safeStorage-backed store the agent resolves `keychain:NAME` keys from. */
  secrets: NonNullable<HostPorts["secrets"]>;
  versions: Record<string, string>;
  /** The Mac's region (Electron's `app.getLocaleCountryCode()`); empty when macOS does not say. */
  region: string;
}): HostPorts {
  const { prefs, loginItem } = options;
  // The login item is the truth: the user may remove it in System Settings while Pinch runs.
  const current = () => ({ ...prefsView(prefs.get()), startAtLogin: loginItem.enabled() });
  return {
    openExternal: options.openExternal,
    openPath: options.openPath,
    relaunch: options.relaunch,
    chooseFile: options.chooseFile,
    getPrefs: current,
    setPrefs(patch) {
      if (patch.startAtLogin === undefined) {
        prefs.set(storedPrefsPatch(patch));
      } else {
        loginItem.set(patch.startAtLogin);
        // What macOS accepted, which may differ from what was asked.
        prefs.set(storedPrefsPatch({ ...patch, startAtLogin: loginItem.enabled() }));
      }
      return current();
    },
    subscribePrefs: (listener) => prefs.subscribe(() => listener()),
    secrets: options.secrets,
    versions: options.versions,
    ...(options.region === "" ? {} : { region: options.region }),
  };
}
