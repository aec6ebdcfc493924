/**
 * The reminders and scheduled messages of one account, in
 * `<account state>/reminders.json`: written atomically after every change
 * (a confirmation promised in chat is already on disk), read once at start.
 * The one owner of that file.
 */

import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../fs/atomic-write.ts";
import type { Logger } from "../log/logger.ts";
import { type Reminder, ReminderSchema } from "./reminder-schema.ts";

export type { Reminder } from "./reminder-schema.ts";

const FileSchema = z.object({ version: z.literal(1), reminders: z.array(ReminderSchema) });

/** Finished reminders kept for the window's "sent" list; older ones are forgotten. */
const KEEP_FINISHED = 50;

export type NewReminder = Omit<Reminder, "id" | "number" | "createdAt">;

export class ReminderStore {
  private readonly path: string;
  private readonly log: Logger;
  private reminders: Reminder[] = [];
  private writing: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();

  constructor(accountStateDir: string, log: Logger) {
    this.path = join(accountStateDir, "reminders.json");
    this.log = log;
    this.reminders = this.load();
  }

  list(): Reminder[] {
    return this.reminders.map((reminder) => ({ ...reminder }));
  }

  /** Hears of every change (for the window). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async add(input: NewReminder, now: Date): Promise<Reminder> {
    const number = Math.max(0, ...this.reminders.map((reminder) => reminder.number)) + 1;
    const reminder: Reminder = {
      ...input,
      id: `${now.getTime().toString(36)}-${randomBytes(4).toString("hex")}`,
      number,
      createdAt: now.toISOString(),
    };
    this.reminders.push(reminder);
    await this.save();
    return { ...reminder };
  }

  /** Changes one reminder; undefined when there is none with that id. */
  async update(
    id: string,
    change: Partial<Pick<Reminder, "state" | "sentAt" | "late">>,
  ): Promise<Reminder | undefined> {
    const reminder = this.reminders.find((candidate) => candidate.id === id);
    if (!reminder) return undefined;
    Object.assign(reminder, change);
    await this.save();
    return { ...reminder };
  }

  private load(): Reminder[] {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT")
        this.log.error("could not read the reminders; starting with none", {
          path: this.path,
          error: String(error),
        });
      return [];
    }
    const parsed = FileSchema.safeParse(safeJson(text));
    if (parsed.success) return parsed.data.reminders;
    this.log.error(
      "the reminders file is not valid; starting with none (the file is kept until the next change)",
      {
        path: this.path,
        error: parsed.error.message,
      },
    );
    return [];
  }

  private save(): Promise<void> {
    const finished = this.reminders.filter((reminder) => !isOpen(reminder));
    const drop = new Set(finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED)));
    this.reminders = this.reminders.filter((reminder) => !drop.has(reminder));
    const data = `${JSON.stringify({ version: 1, reminders: this.reminders }, null, 2)}\n`;
    // A failed write is reported to its caller; the next change still writes the whole list.
    this.writing = this.writing.catch(() => undefined).then(() => writeFileAtomic(this.path, data));
    for (const listener of this.listeners) listener();
    return this.writing;
  }
}

/** Still to be sent (or waiting for the owner's yes). */
export function isOpen(reminder: Reminder): boolean {
  return reminder.state === "scheduled" || reminder.state === "awaiting-yes";
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
