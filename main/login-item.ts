import { app } from "electron";
import type { LoginItemStatus } from "../app/menubar/menubar-state.ts";

/**
 * "Start at login" through macOS's login items (SMAppService on macOS 13+). The system is the
 * truth: the user can remove Pinch in System Settings, so the state is read back, never assumed.
 */
export interface LoginItem {
  enabled(): boolean;
  status(): LoginItemStatus;
  set(enabled: boolean): void;
}

export function createLoginItem(): LoginItem {
  const read = () => app.getLoginItemSettings();
  return {
    enabled: () => read().openAtLogin,
    status: () => read().status ?? "unknown",
    set(enabled) {
      app.setLoginItemSettings({ openAtLogin: enabled });
    },
  };
}

/** A launch by the login item, so the app stays quietly in the menu bar. */
export function launchedAtLogin(): boolean {
  return app.getLoginItemSettings().wasOpenedAtLogin;
}
