/**
 * What the owner says about reminders in chat: `/reminders` lists the open
 * ones, `/cancel <n>` cancels one, and a yes or no answers a scheduled
 * message waiting for the owner's word in that chat.
 */
import type { Reminder, ReminderStore } from "./reminder-store.ts";
import { isOpen } from "./reminder-store.ts";
import { timeInWords } from "./reminder-time.ts";

const YES = /^(yes|y|yep|yeah|sure|ok|okay|send it|go ahead)[.!]*$/i;
const NO = /^(no|n|nope|don'?t|do not|cancel|stop)[.!]*$/i;

export class ReminderCommands {
  private readonly store: ReminderStore;
  private readonly now: () => Date;

  constructor(store: ReminderStore, now: () => Date = () => new Date()) {
    this.store = store;
    this.now = now;
  }

  list(): string {
    const open = this.store
      .list()
      .filter(isOpen)
      .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
    if (open.length === 0) return "No reminders or scheduled messages.";
    return open.map((reminder) => `${reminder.number}. ${this.describe(reminder)}`).join("\n");
  }

  async cancel(number: number): Promise<string> {
    const reminder = this.store.list().find((candidate) => candidate.number === number && isOpen(candidate));
    if (!reminder) return `There is no open reminder ${number}. /reminders lists them.`;
    await this.store.update(reminder.id, { state: "cancelled" });
    return `Cancelled: ${this.describe(reminder)}`;
  }

  async cancelById(id: string): Promise<boolean> {
    const reminder = this.store.list().find((candidate) => candidate.id === id);
    if (!reminder || !isOpen(reminder)) return false;
    await this.store.update(id, { state: "cancelled" });
    return true;
  }

  /** The answer to a yes or no in `chatId` when a scheduled message waits for one there; null otherwise. */
  async answerConfirmation(chatId: number, text: string): Promise<string | null> {
    const yes = YES.test(text.trim());
    if (!yes && !NO.test(text.trim())) return null;
    const waiting = this.store
      .list()
      .filter((reminder) => reminder.state === "awaiting-yes" && reminder.askedIn === chatId)
      .at(-1);
    if (!waiting) return null;
    return this.settle(waiting, yes);
  }

  /** The owner's answer from the window; false when the message no longer waits for one. */
  async confirmById(id: string, send: boolean): Promise<boolean> {
    const waiting = this.store.list().find((candidate) => candidate.id === id);
    if (waiting?.state !== "awaiting-yes") return false;
    await this.settle(waiting, send);
    return true;
  }

  private async settle(waiting: Reminder, yes: boolean): Promise<string> {
    if (!yes) {
      await this.store.update(waiting.id, { state: "declined" });
      return `Not sending it to ${waiting.chatLabel}.`;
    }
    const scheduled = await this.store.update(waiting.id, { state: "scheduled" });
    return `Scheduled: ${this.describe(scheduled ?? waiting)}`;
  }

  private describe(reminder: Reminder): string {
    const when = timeInWords(new Date(reminder.dueAt), this.now());
    const waiting = reminder.state === "awaiting-yes" ? " (waiting for your yes)" : "";
    return reminder.kind === "reminder"
      ? `${when}: ${reminder.text}`
      : `${when} to ${reminder.chatLabel}: "${reminder.text}"${waiting}`;
  }
}
