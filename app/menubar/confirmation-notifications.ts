import type { RemindersOverview } from "../ipc/reminder-schemas.ts";
import { timeInWords } from "../reminders/reminder-time.ts";

/** A message for another chat that waits for the owner's yes. */
export interface MessageAwaitingYes {
  accountId: string;
  id: string;
  text: string;
  chatLabel: string;
  dueAt: string;
}

/** Every message waiting for a yes, in every account the gateway runs. */
export function messagesAwaitingYes(overview: RemindersOverview): MessageAwaitingYes[] {
  return overview.accounts.flatMap((account) =>
    account.reminders
      .filter((reminder) => reminder.kind === "message" && reminder.state === "awaiting-yes")
      .map((reminder) => ({
        accountId: account.accountId,
        id: reminder.id,
        text: reminder.text,
        chatLabel: reminder.chatLabel,
        dueAt: reminder.dueAt,
      })),
  );
}

export interface ConfirmationNotificationContent {
  title: string;
  body: string;
  /** Button labels, in order; the first is the default action on macOS. */
  actions: ["Send", "Don't send"];
}

// A notification shows a few lines; the whole text is in the window.
const SHOWN_CHARS = 120;

export function confirmationNotificationContent(
  message: MessageAwaitingYes,
  now: Date = new Date(),
): ConfirmationNotificationContent {
  const words =
    message.text.length > SHOWN_CHARS ? `${message.text.slice(0, SHOWN_CHARS - 1).trimEnd()}…` : message.text;
  return {
    title: `Send to ${message.chatLabel}?`,
    body: `“${words}” ${timeInWords(new Date(message.dueAt), now)}. Nothing is sent until you say so.`,
    actions: ["Send", "Don't send"],
  };
}
