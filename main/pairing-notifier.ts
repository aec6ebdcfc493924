import { Notification } from "electron";
import { type NewPairingRequest, pairingNotificationContent } from "../app/menubar/pairing-notifications.ts";
import type { TrayAction } from "../app/menubar/tray-action.ts";

/**
 * One native notification per new pairing request, with Approve and Dismiss buttons (macOS shows
 * buttons only for an alert-style notification of a signed app: NSUserNotificationAlertStyle in
 * Info.plist). A click on the notification itself opens the pairing view.
 */
export function createPairingNotifier(options: {
  enabled: () => { pairingRequests: boolean; sound: boolean };
  act: (action: TrayAction) => void;
}): (requests: NewPairingRequest[], display: { showAccount: boolean }) => void {
  // A notification that is garbage-collected loses its handlers; keep each until it is closed.
  const shown = new Set<Notification>();
  return (requests, display) => {
    const settings = options.enabled();
    if (!settings.pairingRequests || !Notification.isSupported()) return;
    for (const request of requests) {
      const content = pairingNotificationContent(request, display);
      const notification = new Notification({
        title: content.title,
        body: content.body,
        silent: !settings.sound,
        actions: content.actions.map((text) => ({ type: "button" as const, text })),
      });
      const target = { accountId: request.accountId, code: request.code };
      notification.on("action", (details) => {
        const index = details.actionIndex;
        if (index === 0) options.act({ kind: "approve-pairing", ...target });
        else if (index === 1) options.act({ kind: "dismiss-pairing", ...target });
      });
      notification.on("click", () => options.act({ kind: "open-window", view: "pairing" }));
      notification.on("close", () => shown.delete(notification));
      shown.add(notification);
      notification.show();
    }
  };
}
