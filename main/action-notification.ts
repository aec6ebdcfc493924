import { Notification } from "electron";
import type { TrayAction } from "../app/menubar/tray-action.ts";

export interface ActionNotification {
  title: string;
  body: string;
  silent: boolean;
  /** Buttons in order, each with what it does; the first is the default action on macOS. */
  buttons: { text: string; action: TrayAction }[];
  /** What a click on the notification itself does. */
  click: TrayAction;
}

/**
 * Shows native notifications with buttons (macOS shows buttons only for an alert-style notification
 * of a signed app: NSUserNotificationAlertStyle in Info.plist). A notification that is
 * garbage-collected loses its handlers, so each is kept until it is closed.
 */
export function createActionNotifications(
  act: (action: TrayAction) => void,
): (shown: ActionNotification) => void {
  const open = new Set<Notification>();
  return (content) => {
    if (!Notification.isSupported()) return;
    const notification = new Notification({
      title: content.title,
      body: content.body,
      silent: content.silent,
      actions: content.buttons.map(({ text }) => ({ type: "button" as const, text })),
    });
    notification.on("action", (details) => {
      const button = content.buttons[details.actionIndex];
      if (button) act(button.action);
    });
    notification.on("click", () => act(content.click));
    notification.on("close", () => open.delete(notification));
    open.add(notification);
    notification.show();
  };
}
