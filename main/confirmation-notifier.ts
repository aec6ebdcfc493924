import {
  confirmationNotificationContent,
  type MessageAwaitingYes,
} from "../app/menubar/confirmation-notifications.ts";
import type { ActionNotification } from "./action-notification.ts";

/**
 * One notification per message for another chat that waits for the owner's yes, with Send and
 * Don't send; a click opens Reminders. Shown whatever the pairing switch says: it answers a
 * request the owner made.
 */
export function createConfirmationNotifier(options: {
  sound: () => boolean;
  show: (notification: ActionNotification) => void;
}): (messages: MessageAwaitingYes[]) => void {
  return (messages) => {
    for (const message of messages) {
      const content = confirmationNotificationContent(message);
      const target = { accountId: message.accountId, id: message.id };
      options.show({
        title: content.title,
        body: content.body,
        silent: !options.sound(),
        buttons: [
          { text: content.actions[0], action: { kind: "confirm-message", ...target, send: true } },
          { text: content.actions[1], action: { kind: "confirm-message", ...target, send: false } },
        ],
        click: { kind: "open-window", view: "reminders" },
      });
    }
  };
}
