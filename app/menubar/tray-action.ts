import type { SettingsPane } from "../ipc/setup-schemas.ts";
import type { WindowView } from "./window-view.ts";

/** Everything a tray menu item or a notification button can ask for, as plain data. */
export type TrayAction =
  | { kind: "open-window"; view?: WindowView }
  | { kind: "approve-pairing"; accountId: string; code: string }
  | { kind: "dismiss-pairing"; accountId: string; code: string }
  /** The owner's word on a message for another chat that waits for a yes. */
  | { kind: "confirm-message"; accountId: string; id: string; send: boolean }
  | { kind: "set-pause-replies"; paused: boolean }
  | { kind: "set-start-at-login"; enabled: boolean }
  | { kind: "open-settings"; pane: SettingsPane }
  | { kind: "show-logs" }
  | { kind: "set-verbose-logging"; enabled: boolean }
  /** Quit and start again: macOS applies a new Full Disk Access grant to a fresh process only. */
  | { kind: "relaunch" }
  | { kind: "quit" };
