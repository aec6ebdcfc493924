import { existsSync, readFileSync, renameSync } from "node:fs";
import { z } from "zod";
import { writeFileAtomic } from "../fs/atomic-write.ts";
import { MessageSchema } from "../imsg/protocol.ts";
import type { Logger } from "../log/logger.ts";

const AwayEntrySchema = z.object({
  /** The row as imsg gave it: answering it later runs the same turn it would have had. */
  message: MessageSchema,
  /** It came through the self-chat: that chat is the owner's. */
  selfChat: z.boolean(),
  /** An away note listing it was journaled (sent, or kept for the window when the owner has no chat). */
  noted: z.boolean(),
});
export type AwayEntry = z.infer<typeof AwayEntrySchema>;

const AwayFileSchema = z.object({
  version: z.literal(1),
  entries: z.array(AwayEntrySchema),
  /** The owner said to answer them: a restart goes on answering instead of waiting for a second word. */
  answering: z.boolean(),
});
type AwayFile = z.infer<typeof AwayFileSchema>;

/** Enough for any real outage; past it, later rows are not kept (the status still counts every late row). */
const MAX_ENTRIES = 500;

/**
 * One account's messages that came while Pinch was away (too old to answer
 * when they arrived), kept in `away.json` until the owner has them answered
 * or dismisses them. Changes apply in memory at once; writes are atomic and
 * run one after another, so the file always holds a state that existed.
 */
export class AwayStore {
  private readonly path: string;
  private state: AwayFile = { version: 1, entries: [], answering: false };
  private writing: Promise<void> = Promise.resolve();
  private readonly log: Logger;

  constructor(path: string, log: Logger) {
    this.path = path;
    this.log = log;
    this.load();
  }

  get entries(): readonly AwayEntry[] {
    return this.state.entries;
  }

  get answering(): boolean {
    return this.state.answering;
  }

  /** Keeps a skipped message (once per guid), in rowid order. */
  add(message: z.input<typeof MessageSchema>, selfChat: boolean): Promise<void> {
    const entries = this.state.entries;
    if (entries.length >= MAX_ENTRIES || entries.some((entry) => entry.message.guid === message.guid)) {
      return this.writing;
    }
    const next = [...entries, { message, selfChat, noted: false }].sort(
      (a, b) => a.message.id - b.message.id,
    );
    return this.save({ ...this.state, entries: next });
  }

  markNoted(guids: ReadonlySet<string>): Promise<void> {
    const entries = this.state.entries.map((entry) =>
      guids.has(entry.message.guid) ? { ...entry, noted: true } : entry,
    );
    return this.save({ ...this.state, entries });
  }

  setAnswering(answering: boolean): Promise<void> {
    return this.save({ ...this.state, answering });
  }

  remove(guid: string): Promise<void> {
    const entries = this.state.entries.filter((entry) => entry.message.guid !== guid);
    return this.save({ ...this.state, entries, answering: this.state.answering && entries.length > 0 });
  }

  clear(): Promise<void> {
    return this.save({ version: 1, entries: [], answering: false });
  }

  private save(next: AwayFile): Promise<void> {
    this.state = next;
    const text = JSON.stringify(next);
    this.writing = this.writing
      .then(() => writeFileAtomic(this.path, text))
      .catch((error: Error) =>
        this.log.error("could not save the messages that came while Pinch was away", {
          error: error.message,
        }),
      );
    return this.writing;
  }

  private load(): void {
    if (!existsSync(this.path)) return;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.path, "utf8"));
    } catch {
      raw = undefined;
    }
    const parsed = AwayFileSchema.safeParse(raw);
    if (parsed.success) {
      this.state = parsed.data;
      return;
    }
    const aside = `${this.path}.corrupt-${Date.now()}`;
    renameSync(this.path, aside);
    this.log.warn("the list of messages from while Pinch was away was unreadable; moved it aside", { aside });
  }
}
