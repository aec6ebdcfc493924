/**
 * Sends reminders and scheduled messages when they fall due. Each goes out
 * as a journaled notice under `reminder:<id>`, so a crash around the due time
 * neither loses nor repeats it: after a restart the journal says whether it
 * was delivered, and an interrupted send is checked against the chat first.
 * A tick each second catches up after a restart or a sleep: what fell due
 * while nothing ran goes out at once, marked late. Quiet hours hold a send
 * until they end.
 */
import type { NoticeOutbox } from "../channel/notice-outbox.ts";
import type { Logger } from "../log/logger.ts";
import { type QuietHours, quietUntil } from "./quiet-hours.ts";
import type { Reminder, ReminderStore } from "./reminder-store.ts";
import { clockTime } from "./reminder-time.ts";

const TICK_MS = 1_000;
/** A tick this much after the one before means the process was stopped or the Mac slept. */
const LATE_GRACE_MS = 5_000;

export interface ReminderSchedulerParts {
  store: ReminderStore;
  notices: NoticeOutbox;
  /** Runs a send in the chat's queue, after any reply already going out there. */
  enqueue: (key: string, task: () => Promise<void>) => Promise<void>;
  quietHours: () => QuietHours | undefined;
  log: Logger;
  now?: () => Date;
}

export class ReminderScheduler {
  private readonly parts: ReminderSchedulerParts;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private lastTick: number | undefined;
  /** Held by quiet hours (logged once each), so not late when they go out. */
  private readonly held = new Set<string>();

  constructor(parts: ReminderSchedulerParts) {
    this.parts = parts;
    this.now = parts.now ?? (() => new Date());
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
    void this.tick();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Sends whatever is due; one tick at a time. */
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const now = this.now();
    // What was due before the last tick that ran (or before this process started) missed its time.
    const missedBefore = this.lastTick === undefined ? now.getTime() : this.lastTick;
    this.lastTick = now.getTime();
    try {
      const due = this.parts.store
        .list()
        .filter((reminder) => reminder.state === "scheduled" && Date.parse(reminder.dueAt) <= now.getTime())
        .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
      const until = due.length > 0 ? quietUntil(this.parts.quietHours(), now) : null;
      for (const reminder of due) {
        if (until) {
          this.hold(reminder, until);
          continue;
        }
        const late = !this.held.has(reminder.id) && Date.parse(reminder.dueAt) < missedBefore - LATE_GRACE_MS;
        await this.send(reminder, late);
      }
    } catch (error) {
      this.parts.log.error("could not send a due reminder; trying again shortly", {
        error: (error as Error).message,
      });
    } finally {
      this.running = false;
    }
  }

  private hold(reminder: Reminder, until: Date): void {
    if (this.held.has(reminder.id)) return;
    this.held.add(reminder.id);
    this.parts.log.info("holding a reminder for the end of quiet hours", {
      reminder: reminder.number,
      until: clockTime(until),
    });
  }

  private async send(reminder: Reminder, late: boolean): Promise<void> {
    const key = `reminder:${reminder.id}`;
    const words = reminder.kind === "reminder" ? `Reminder: ${reminder.text}` : reminder.text;
    // Only the owner's own reminder says it is late: a message for someone else goes out as the owner
    // wrote it, and the window marks it late for the owner.
    const text =
      late && reminder.kind === "reminder"
        ? `${words} (late: due ${clockTime(new Date(reminder.dueAt))})`
        : words;
    // False when an earlier run journaled it: then it is delivered (or checked) as journaled, never re-sent.
    this.parts.notices.record({ guid: key, chatId: reminder.chatId }, [text]);
    await this.parts.enqueue(`chat:${reminder.chatId}`, () => this.parts.notices.deliver(key));
    this.held.delete(reminder.id);
    await this.parts.store.update(reminder.id, {
      state: "sent",
      sentAt: this.now().toISOString(),
      ...(late ? { late: true } : {}),
    });
    this.parts.log.info("sent a reminder", { reminder: reminder.number, chat: reminder.chatId, late });
  }
}
