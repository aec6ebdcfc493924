/**
 * `watch.subscribe` subscriptions. One cheap `MAX(ROWID)` check per tick
 * notices new rows from any process; a subscription that sees rows past its
 * cursor waits its debounce (imsg's default is 500 ms) and then reads every
 * row after the cursor, oldest first. The cursor only moves forward, so a
 * row is never emitted twice on one subscription.
 *
 * Protocol 1 bounds what may wait for a subscriber (`buffer_limit`): when one
 * wake-up finds more eligible rows than that, the first `buffer_limit` are
 * emitted and the subscription ends with one `watch.overflow` carrying the
 * cursor to resume from. Legacy subscriptions have no bound.
 */
import type { MessageRecord, MessageStore } from "./message-store.ts";
import type { JsonObject, PayloadBuilder } from "./payloads.ts";

export interface WatchOptions {
  chatId: number | undefined;
  /** Absent or 0: start after the newest row. -1: from the first row. Otherwise resume after it. */
  sinceRowId: number | undefined;
  participants: string[];
  start: Date | undefined;
  end: Date | undefined;
  attachments: boolean;
  includeReactions: boolean;
  debounceMs: number;
  bufferLimit: number;
}

interface Subscription extends WatchOptions {
  id: number;
  cursor: number;
  /** The newest rowid already looked at; a tick only schedules a read when MAX(ROWID) passes it. */
  seenMax: number;
  pending: boolean;
  timer: NodeJS.Timeout | undefined;
}

export interface WatchSink {
  message(subscription: number, message: JsonObject): void;
  error(subscription: number, message: string): void;
  overflow(subscription: number, resumeAfterRowid: number): void;
}

/** What a reader sees of the rows one wake-up read (protocol 1 folds link previews and hides unjoined rows). */
export type RowView = (records: MessageRecord[]) => MessageRecord[];

/** imsg reads 100 rows per query; the simulator keeps reading until it has caught up. */
const BATCH_SIZE = 100;

export class WatchHub {
  private readonly store: MessageStore;
  private readonly payloads: PayloadBuilder;
  private readonly sink: WatchSink;
  private readonly view: RowView;
  private readonly subscriptions = new Map<number, Subscription>();
  private readonly nextId: () => number;

  /** `nextId` is shared by every hub of one process, so ids stay unique across database generations. */
  constructor(
    store: MessageStore,
    payloads: PayloadBuilder,
    sink: WatchSink,
    view: RowView,
    nextId: () => number,
  ) {
    this.store = store;
    this.payloads = payloads;
    this.sink = sink;
    this.view = view;
    this.nextId = nextId;
  }

  get size(): number {
    return this.subscriptions.size;
  }

  has(id: number): boolean {
    return this.subscriptions.has(id);
  }

  /** The first read happens right away, after the caller has written its response, so the response comes first. */
  subscribe(options: WatchOptions): number {
    const id = this.nextId();
    const since = options.sinceRowId;
    const cursor = since === undefined || since === 0 ? this.store.maxRowId() : Math.max(since, 0);
    const subscription: Subscription = {
      ...options,
      id,
      cursor,
      seenMax: cursor,
      pending: true,
      timer: undefined,
    };
    this.subscriptions.set(id, subscription);
    setImmediate(() => this.read(subscription));
    return id;
  }

  unsubscribe(id: number): void {
    const subscription = this.subscriptions.get(id);
    if (subscription?.timer) clearTimeout(subscription.timer);
    this.subscriptions.delete(id);
  }

  /** Ends every subscription with imsg's `error` notification, as when a watch stream throws. */
  failAll(message: string): void {
    for (const id of [...this.subscriptions.keys()]) {
      this.unsubscribe(id);
      this.sink.error(id, message);
    }
  }

  close(): void {
    for (const id of [...this.subscriptions.keys()]) this.unsubscribe(id);
  }

  tick(): void {
    if (this.subscriptions.size === 0) return;
    const max = this.store.maxRowId();
    for (const subscription of this.subscriptions.values()) {
      if (subscription.pending || max <= subscription.seenMax) continue;
      subscription.pending = true;
      if (subscription.debounceMs === 0) this.read(subscription);
      else subscription.timer = setTimeout(() => this.read(subscription), subscription.debounceMs);
    }
  }

  private read(subscription: Subscription): void {
    subscription.pending = false;
    subscription.timer = undefined;
    if (!this.subscriptions.has(subscription.id)) return;
    try {
      const max = this.store.maxRowId();
      const eligible = this.view(this.readNewRows(subscription)).filter((row) => allows(subscription, row));
      const accepted = eligible.slice(0, subscription.bufferLimit);
      for (const row of accepted) {
        const payload = this.payloads.message(row, {
          attachments: subscription.attachments,
          reactions: subscription.includeReactions,
          decodeReactionEvents: true,
        });
        this.sink.message(subscription.id, payload);
      }
      const last = accepted.at(-1);
      if (eligible.length > accepted.length && last) {
        // The accepted rows have drained; resuming after the last of them replays nothing it skipped.
        this.unsubscribe(subscription.id);
        this.sink.overflow(subscription.id, Math.max(last.rowid, last.urlPreview?.rowid ?? 0));
        return;
      }
      subscription.seenMax = Math.max(max, subscription.cursor);
    } catch (error) {
      // imsg's watch stream finishes with the error: one `error` notification, then silence.
      this.unsubscribe(subscription.id);
      this.sink.error(subscription.id, error instanceof Error ? error.message : String(error));
    }
  }

  /** Every row after the cursor, oldest first; the cursor moves past all of them, shown or not. */
  private readNewRows(subscription: Subscription): MessageRecord[] {
    const rows: MessageRecord[] = [];
    for (;;) {
      const batch = this.store.messagesAfter(
        subscription.cursor,
        subscription.chatId,
        BATCH_SIZE,
        subscription.includeReactions,
      );
      for (const row of batch) subscription.cursor = Math.max(subscription.cursor, row.rowid);
      rows.push(...batch);
      if (batch.length < BATCH_SIZE) return rows;
    }
  }
}

/** The participants/start/end filter imsg applies after reading a row (the cursor still moves past it). */
function allows(options: WatchOptions, row: MessageRecord): boolean {
  if (options.start && row.date < options.start) return false;
  if (options.end && row.date >= options.end) return false;
  if (options.participants.length === 0) return true;
  const sender = row.sender.toLowerCase();
  return options.participants.some((participant) => participant.toLowerCase() === sender);
}
