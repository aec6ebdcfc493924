import { app, shell } from "electron";
import type { HostPorts } from "../app/ipc/pinch-service.ts";
import type { PrefsStore } from "../app/preferences/prefs-store.ts";
import { isAllowedExternalUrl } from "./external-urls.ts";
import type { LoginItem } from "./login-item.ts";

/**
 * What only Electron can do for the window's service: open allow-listed URLs and files, and keep
 * the app preferences, of which "start at login" is the macOS login item itself.
 */
export function createElectronHostPorts(options: {
  prefs: PrefsStore;
  loginItem: LoginItem;
  versions: Record<string, string>;
}): HostPorts {
  const { prefs, loginItem } = options;
  return {
    openExternal: openAllowedExternal,
    async openPath(file) {
      // shell.openPath answers with an error text, empty on success.
      const problem = await shell.openPath(file);
      if (problem) throw new Error(`Could not open ${file}: ${problem}`);
    },
    getPrefs() {
      return { startAtLogin: loginItem.enabled(), firstRunDone: prefs.get().firstRunDone };
    },
    setPrefs(patch) {
      if (patch.startAtLogin !== undefined) loginItem.set(patch.startAtLogin);
      prefs.set({
        ...(patch.firstRunDone === undefined ? {} : { firstRunDone: patch.firstRunDone }),
        ...(patch.startAtLogin === undefined ? {} : { startAtLogin: loginItem.enabled() }),
      });
      return { startAtLogin: loginItem.enabled(), firstRunDone: prefs.get().firstRunDone };
    },
    versions: options.versions,
  };
}

/** Opens a URL outside the app if the allow-list has it; false when refused or when nothing opened it. */
export async function openAllowedExternal(url: string): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) {
    console.warn(
      `Refused to open ${url}: only System Settings links and the imsg project pages are allowed.`,
    );
    return false;
  }
  try {
    await shell.openExternal(url);
    return true;
  } catch {
    return false;
  }
}

export function appVersions(): Record<string, string> {
  return {
    app: app.getVersion(),
    electron: process.versions.electron ?? "",
    chrome: process.versions.chrome ?? "",
    node: process.versions.node,
  };
}
