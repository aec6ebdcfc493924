import { type NewPairingRequest, pairingNotificationContent } from "../app/menubar/pairing-notifications.ts";
import type { ActionNotification } from "./action-notification.ts";

/** One notification per new pairing request, with Approve and Dismiss; a click opens Pairing. */
export function createPairingNotifier(options: {
  enabled: () => { pairingRequests: boolean; sound: boolean };
  show: (notification: ActionNotification) => void;
}): (requests: NewPairingRequest[], display: { showAccount: boolean }) => void {
  return (requests, display) => {
    const settings = options.enabled();
    if (!settings.pairingRequests) return;
    for (const request of requests) {
      const content = pairingNotificationContent(request, display);
      const target = { accountId: request.accountId, code: request.code };
      options.show({
        title: content.title,
        body: content.body,
        silent: !settings.sound,
        buttons: [
          { text: content.actions[0], action: { kind: "approve-pairing", ...target } },
          { text: content.actions[1], action: { kind: "dismiss-pairing", ...target } },
        ],
        click: { kind: "open-window", view: "pairing" },
      });
    }
  };
}
