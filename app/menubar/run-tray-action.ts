import type { PinchClient } from "../ipc/pinch-client.ts";
import type { SettingsPane } from "../ipc/setup-schemas.ts";
import type { TrayAction } from "./tray-action.ts";
import type { WindowView } from "./window-view.ts";

/** What the menu bar may do; main implements it with the service, the window and Electron. */
export interface TrayActionTarget {
  invoke: PinchClient["invoke"];
  openWindow(view?: WindowView): void;
  setPauseReplies(paused: boolean): void;
  setStartAtLogin(enabled: boolean): void;
  openSettings(pane: SettingsPane): Promise<boolean>;
  showLogs(): Promise<void>;
  setVerboseLogging(enabled: boolean): void;
  relaunch(): void;
  quit(): void;
  /** A failure the user should see (a notification or dialog), worded for them. */
  reportError(message: string): void;
}

/**
 * Carries out one menu or notification action. Never throws: a failure is reported to the user,
 * because a tray click has no caller to hand an error back to.
 */
export async function runTrayAction(action: TrayAction, target: TrayActionTarget): Promise<void> {
  try {
    switch (action.kind) {
      case "open-window":
        target.openWindow(action.view);
        return;
      case "approve-pairing": {
        // notify: the sender gets the "you're approved" message through the gateway.
        const result = await target.invoke("pairing.approve", {
          accountId: action.accountId,
          code: action.code,
          notify: true,
        });
        if (!result.ok) target.reportError(`Could not approve ${action.code}: ${result.error.message}`);
        return;
      }
      case "dismiss-pairing": {
        const result = await target.invoke("pairing.dismiss", {
          accountId: action.accountId,
          code: action.code,
        });
        if (!result.ok) target.reportError(`Could not dismiss ${action.code}: ${result.error.message}`);
        return;
      }
      case "confirm-message": {
        const result = await target.invoke("reminders.confirm", {
          accountId: action.accountId,
          id: action.id,
          send: action.send,
        });
        if (!result.ok)
          target.reportError(
            `Could not ${action.send ? "send" : "drop"} the message: ${result.error.message}`,
          );
        return;
      }
      case "set-pause-replies":
        target.setPauseReplies(action.paused);
        return;
      case "set-start-at-login":
        target.setStartAtLogin(action.enabled);
        return;
      case "open-settings":
        if (!(await target.openSettings(action.pane))) {
          target.reportError("System Settings could not be opened; open it from the Apple menu.");
        }
        return;
      case "show-logs":
        await target.showLogs();
        return;
      case "set-verbose-logging":
        target.setVerboseLogging(action.enabled);
        return;
      case "relaunch":
        target.relaunch();
        return;
      case "quit":
        target.quit();
        return;
    }
  } catch (error) {
    target.reportError(error instanceof Error ? error.message : String(error));
  }
}
