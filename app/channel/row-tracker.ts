/**
 * Turns settle events, which arrive out of order across chats, into the
 * highest rowid below which every watched row is settled: the cursor the
 * watch can safely resume from.
 */
export class RowTracker {
  private readonly open: number[] = [];
  private readonly settledEarly = new Set<number>();
  private highestSeen: number;

  constructor(start: number | null) {
    this.highestSeen = start ?? 0;
  }

  /** Rows arrive from the watch in rowid order; a re-delivered older row is slotted into place. */
  received(rowid: number): void {
    if (rowid > this.highestSeen) this.highestSeen = rowid;
    const last = this.open[this.open.length - 1];
    if (last === undefined || rowid > last) {
      this.open.push(rowid);
      return;
    }
    const index = this.open.findIndex((open) => open > rowid);
    this.open.splice(index, 0, rowid);
  }

  get inFlight(): number {
    return this.open.length - this.settledEarly.size;
  }

  /** Marks a row settled; returns the cursor after it. */
  settle(rowid: number): number {
    this.settledEarly.add(rowid);
    while (this.open.length > 0 && this.settledEarly.has(this.open[0] as number)) {
      this.settledEarly.delete(this.open.shift() as number);
    }
    return this.cursor;
  }

  get cursor(): number {
    const oldestOpen = this.open[0];
    return oldestOpen === undefined ? this.highestSeen : oldestOpen - 1;
  }
}
