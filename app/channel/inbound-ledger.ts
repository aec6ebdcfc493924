import type { Message } from "../imsg/protocol.ts";
import type { OutboxEntry, SettleJournal } from "../state/settle-journal.ts";
import { RowTracker } from "./row-tracker.ts";
import { ANSWER_INTERRUPTED_NOTE } from "./streamed-answer.ts";

/**
 * Which rows of one account are open and which are finished with: the
 * journal's cursor and handled guids (persistent), the rows in flight, and
 * the tracker that turns out-of-order settles into a safe cursor. The watch
 * asks it where to resume; the pipeline opens and settles rows through it.
 */
export class InboundLedger {
  private readonly journal: SettleJournal;
  private readonly inFlight = new Set<string>();
  private tracker: RowTracker;

  constructor(journal: SettleJournal) {
    this.journal = journal;
    this.tracker = new RowTracker(journal.cursor);
  }

  /** Every row at or below it is settled; null before the first watch ever started. */
  get cursor(): number | null {
    return this.journal.cursor;
  }

  /** The first watch ever starts at the newest row: older history is not this gateway's to answer. */
  startAt(newest: number): void {
    if (this.journal.cursor !== null) return;
    this.journal.startAt(newest);
    this.tracker = new RowTracker(newest);
  }

  /** Rows up to `rowid` will never be delivered (skipped on purpose): the cursor may pass them. */
  skipTo(rowid: number): void {
    this.tracker = new RowTracker(rowid);
  }

  /** Opens a row for handling; false when it is already in flight or settled (a replay). */
  open(message: Message): boolean {
    if (this.inFlight.has(message.guid) || this.journal.isHandled(message.guid)) return false;
    this.inFlight.add(message.guid);
    this.tracker.received(message.id);
    return true;
  }

  /** A reply decided for this row before a restart and not yet confirmed sent. */
  pendingReply(guid: string): OutboxEntry | undefined {
    return this.journal.pendingOutbox(guid);
  }

  /**
   * A streamed answer the gateway stopped in the middle of (killed, restarted): it is not asked
   * again, as a second answer would repeat what was sent. What was recorded goes out, then a note.
   */
  endInterruptedReply(entry: OutboxEntry): void {
    if (entry.open) this.journal.closeOutbox(entry.guid, { chunks: [ANSWER_INTERRUPTED_NOTE] });
  }

  settle(message: Message): void {
    this.inFlight.delete(message.guid);
    this.journal.settle(message.guid, this.tracker.settle(message.id));
  }
}
