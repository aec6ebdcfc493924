import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../fs/atomic-write.ts";
import type { Logger } from "../log/logger.ts";

/**
 * What the gateway has finished with, per account, so that a restart (or a
 * kill -9 at any instant) neither loses nor repeats a message.
 *
 * - `cursor`: every watched row with rowid ≤ cursor is settled; the watch
 *   resumes from it with `since_rowid`.
 * - `handled`: guids settled above the cursor (messages of different chats
 *   settle out of order), bounded, so a replayed row is not answered twice.
 * - `outbox`: replies decided but not yet confirmed sent, part by part (text
 *   chunks, then files), so a reply computed just before a crash is still
 *   delivered, once. Before a part's first `send`, the attempt is recorded with
 *   the highest rowid known to exist then: a row of ours with that text (or
 *   file) above it can only be that send. A streamed reply's entry is `open`
 *   while the model writes; its later parts are appended (`extend`) and its
 *   last ones and its files end it (`close`).
 *
 * Each change is one appended JSON line; a write(2) to the page cache
 * survives the death of the process, so no fsync per message is needed. The
 * journal is folded into an atomically written snapshot now and then. A torn
 * final line (killed mid-write) is ignored; a corrupt snapshot is moved aside.
 */
const OutboxEntrySchema = z.object({
  guid: z.string(),
  chatId: z.number().int(),
  chunks: z.array(z.string()),
  /** Files sent after the text, one `send` each; their indexes follow the chunks'. */
  media: z
    .array(
      z.object({ file: z.string(), temp: z.literal(true).optional(), remote: z.literal(true).optional() }),
    )
    .optional(),
  /** The message the text is threaded under (imsg's bridge `reply_to`). */
  replyTo: z.string().optional(),
  sent: z.number().int().nonnegative(),
  at: z.number(),
  /** A streamed answer still being written: more chunks (and its files) may follow until it is closed. */
  open: z.literal(true).optional(),
  /**
   * The other rows this reply answers (a burst from one sender merged into one turn): a replay of
   * any of them finds this reply instead of starting a turn of its own.
   */
  covers: z.array(z.string()).optional(),
  /**
   * The part (chunk or file) whose `send` was started and not yet confirmed, the rowid floor recorded before it,
   * and when it started (journals from before that was recorded lack it).
   */
  attempt: z
    .object({
      index: z.number().int().nonnegative(),
      after: z.number().int().nonnegative(),
      startedAt: z.number().optional(),
    })
    .optional(),
});
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;

const SnapshotSchema = z.object({
  version: z.literal(1),
  cursor: z.number().int().nonnegative().nullable(),
  handled: z.array(z.string()),
  outbox: z.array(OutboxEntrySchema),
});

const LineSchema = z.union([
  z.object({ settled: z.string(), cursor: z.number().int().nullable() }),
  z.object({ outbox: OutboxEntrySchema }),
  z.object({ sentChunk: z.string(), index: z.number().int() }),
  z.object({ extend: z.string(), chunks: z.array(z.string()) }),
  z.object({ close: z.string(), chunks: z.array(z.string()), media: OutboxEntrySchema.shape.media }),
  z.object({
    attempt: z.string(),
    index: z.number().int().nonnegative(),
    after: z.number().int().nonnegative(),
    startedAt: z.number().optional(),
  }),
  z.object({ cursor: z.number().int().nonnegative() }),
]);

const HANDLED_LIMIT = 5_000;
const COMPACT_EVERY = 2_000;

export class SettleJournal {
  private readonly dir: string;
  private readonly log: Logger;
  private cursorValue: number | null = null;
  private readonly handledGuids = new Set<string>();
  private readonly outboxByGuid = new Map<string, OutboxEntry>();
  private fd: number | null = null;
  private linesSinceCompaction = 0;
  private compacting = false;
  private compaction: Promise<void> = Promise.resolve();

  constructor(dir: string, log: Logger) {
    this.dir = dir;
    this.log = log;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.load();
  }

  get cursor(): number | null {
    return this.cursorValue;
  }

  isHandled(guid: string): boolean {
    return this.handledGuids.has(guid);
  }

  /** The reply that answers `guid`, keyed by it or covering it; the pending replies are few, so a scan is cheap. */
  pendingOutbox(guid: string): OutboxEntry | undefined {
    const own = this.outboxByGuid.get(guid);
    if (own) return own;
    for (const entry of this.outboxByGuid.values()) if (entry.covers?.includes(guid)) return entry;
    return undefined;
  }

  allPendingOutbox(): OutboxEntry[] {
    return [...this.outboxByGuid.values()];
  }

  /** Records that a message is finished with, and the cursor that follows from it. */
  settle(guid: string, cursor: number | null): void {
    this.applySettled(guid, cursor);
    this.append({ settled: guid, cursor });
  }

  /**
   * Records where a first watch started, before anything is settled: if imsg
   * dies before the first message settles, the next watch must resume from
   * here, not from whatever is newest by then.
   */
  startAt(rowid: number): void {
    if (this.cursorValue !== null) return;
    this.cursorValue = rowid;
    this.append({ cursor: rowid });
  }

  /** Records a reply before its first chunk is sent. */
  recordOutbox(entry: OutboxEntry): void {
    this.outboxByGuid.set(entry.guid, { ...entry, chunks: [...entry.chunks] });
    this.append({ outbox: entry });
  }

  /** Records, before a chunk's first `send`, the highest rowid known to exist: the floor for checking it later. */
  recordAttempt(guid: string, index: number, after: number): void {
    const entry = this.outboxByGuid.get(guid);
    const startedAt = Date.now();
    if (entry) entry.attempt = { index, after, startedAt };
    this.append({ attempt: guid, index, after, startedAt });
  }

  /** More chunks of an open (streamed) reply, recorded before they are sent. */
  extendOutbox(guid: string, chunks: string[]): void {
    this.applyExtend(guid, chunks);
    this.append({ extend: guid, chunks });
  }

  /** The last chunks and the files of a streamed reply: nothing more will follow. */
  closeOutbox(guid: string, last: { chunks: string[]; media?: OutboxEntry["media"] }): void {
    this.applyClose(guid, last.chunks, last.media);
    this.append({ close: guid, chunks: last.chunks, ...(last.media ? { media: last.media } : {}) });
  }

  recordSentChunk(guid: string, index: number): void {
    const entry = this.outboxByGuid.get(guid);
    if (entry) entry.sent = Math.max(entry.sent, index + 1);
    this.append({ sentChunk: guid, index });
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private applyExtend(guid: string, chunks: readonly string[]): void {
    this.outboxByGuid.get(guid)?.chunks.push(...chunks);
  }

  private applyClose(guid: string, chunks: readonly string[], media: OutboxEntry["media"]): void {
    const entry = this.outboxByGuid.get(guid);
    if (!entry) return;
    entry.chunks.push(...chunks);
    if (media && media.length > 0) entry.media = [...(entry.media ?? []), ...media];
    delete entry.open;
  }

  private applySettled(guid: string, cursor: number | null): void {
    this.handledGuids.add(guid);
    this.outboxByGuid.delete(guid);
    if (this.handledGuids.size > HANDLED_LIMIT) {
      const oldest = this.handledGuids.values().next().value;
      if (oldest !== undefined) this.handledGuids.delete(oldest);
    }
    if (cursor !== null && (this.cursorValue === null || cursor > this.cursorValue))
      this.cursorValue = cursor;
  }

  private get journalPath(): string {
    return join(this.dir, "journal.jsonl");
  }

  private get rotatedPath(): string {
    return join(this.dir, "journal.old.jsonl");
  }

  private get snapshotPath(): string {
    return join(this.dir, "snapshot.json");
  }

  private load(): void {
    this.loadSnapshot();
    this.replayFile(this.rotatedPath);
    this.replayFile(this.journalPath);
  }

  private replayFile(path: string): void {
    if (!existsSync(path)) return;
    const lines = readFileSync(path, "utf8").split("\n");
    for (const [index, line] of lines.entries()) {
      if (line.trim() === "") continue;
      const parsed = safeJson(line);
      const entry = LineSchema.safeParse(parsed);
      if (!entry.success) {
        // Only the last line can be torn by a kill; anything else is worth a warning.
        if (index < lines.length - 2) this.log.warn("skipped an unreadable journal line", { path, index });
        continue;
      }
      this.replay(entry.data);
      this.linesSinceCompaction++;
    }
  }

  private replay(entry: z.infer<typeof LineSchema>): void {
    if ("settled" in entry) this.applySettled(entry.settled, entry.cursor);
    else if ("outbox" in entry)
      this.outboxByGuid.set(entry.outbox.guid, { ...entry.outbox, chunks: [...entry.outbox.chunks] });
    else if ("extend" in entry) this.applyExtend(entry.extend, entry.chunks);
    else if ("close" in entry) this.applyClose(entry.close, entry.chunks, entry.media);
    else if ("sentChunk" in entry) {
      const pending = this.outboxByGuid.get(entry.sentChunk);
      if (pending) pending.sent = Math.max(pending.sent, entry.index + 1);
    } else if ("attempt" in entry) {
      const pending = this.outboxByGuid.get(entry.attempt);
      if (pending) pending.attempt = { index: entry.index, after: entry.after, startedAt: entry.startedAt };
    } else if (this.cursorValue === null || entry.cursor > this.cursorValue) this.cursorValue = entry.cursor;
  }

  private loadSnapshot(): void {
    if (!existsSync(this.snapshotPath)) return;
    const parsed = SnapshotSchema.safeParse(safeJson(readFileSync(this.snapshotPath, "utf8")));
    if (!parsed.success) {
      const aside = `${this.snapshotPath}.corrupt-${Date.now()}`;
      renameSync(this.snapshotPath, aside);
      this.log.warn("state snapshot was unreadable; moved it aside and rebuilt from the journal", { aside });
      return;
    }
    this.cursorValue = parsed.data.cursor;
    for (const guid of parsed.data.handled) this.handledGuids.add(guid);
    for (const entry of parsed.data.outbox) this.outboxByGuid.set(entry.guid, entry);
  }

  private append(entry: z.infer<typeof LineSchema>): void {
    if (this.fd === null) this.fd = openSync(this.journalPath, "a", 0o600);
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    if (++this.linesSinceCompaction >= COMPACT_EVERY) this.compact();
  }

  /**
   * Folds the journal into the snapshot without blocking appends: the journal
   * is rotated aside first, the snapshot written, then the rotated file
   * removed. Until then a load replays snapshot, rotated journal and journal;
   * every line is idempotent, so the overlap is harmless.
   */
  private compact(): void {
    if (this.compacting) return;
    this.compacting = true;
    this.close();
    if (existsSync(this.rotatedPath)) {
      // The last fold failed: keep its lines, they are in no snapshot yet.
      appendFileSync(this.rotatedPath, readFileSync(this.journalPath));
      unlinkSync(this.journalPath);
    } else {
      renameSync(this.journalPath, this.rotatedPath);
    }
    this.linesSinceCompaction = 0;
    const snapshot: z.infer<typeof SnapshotSchema> = {
      version: 1,
      cursor: this.cursorValue,
      handled: [...this.handledGuids],
      outbox: [...this.outboxByGuid.values()].map((entry) => ({ ...entry, chunks: [...entry.chunks] })),
    };
    this.compaction = writeFileAtomic(this.snapshotPath, JSON.stringify(snapshot), { mode: 0o600 })
      .then(() => unlinkSync(this.rotatedPath))
      .catch((error: Error) =>
        this.log.warn("could not fold the state journal; will retry", { error: error.message }),
      )
      .finally(() => {
        this.compacting = false;
      });
  }

  /** Waits for a snapshot write in progress (shutdown, tests). */
  async flush(): Promise<void> {
    await this.compaction;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
