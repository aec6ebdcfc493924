import { z } from "zod";

/**
 * A live `imsg` can stop emitting its watch while it still answers requests
 * (spec §8), so the health ping alone does not notice. This compares the
 * newest rowid the database reports with the newest the watch delivered: a
 * row that stays undelivered past the grace period means the watch is dead.
 * One late row is normal (the watch's debounce, a busy machine); the grace
 * is far longer than either.
 */
export const WATCH_STALL_GRACE_MS = 15_000;

export type WatchVerdict = "ok" | "waiting" | "stalled";

export class WatchStallCheck {
  private readonly graceMs: number;
  /** The newest row seen in the database but not yet from the watch, and since when. */
  private unseen: { rowid: number; since: number } | null = null;

  constructor(graceMs = WATCH_STALL_GRACE_MS) {
    this.graceMs = graceMs;
  }

  /** `newest`: the database's newest rowid; `delivered`: the highest rowid the watch has delivered. */
  observe(newest: number, delivered: number, now: number): WatchVerdict {
    if (this.unseen && delivered >= this.unseen.rowid) this.unseen = null;
    if (newest <= delivered) {
      this.unseen = null;
      return "ok";
    }
    if (!this.unseen) {
      this.unseen = { rowid: newest, since: now };
      return "waiting";
    }
    return now - this.unseen.since >= this.graceMs ? "stalled" : "waiting";
  }

  /** A new watch starts with a clean slate. */
  reset(): void {
    this.unseen = null;
  }
}

/** Just the rowid of a `message` notification: a row counts as delivered even if the rest of it is malformed. */
export const DeliveredRowSchema = z.object({ message: z.object({ id: z.number().int() }) });
