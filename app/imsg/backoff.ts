/**
 * Restart delays for a failing `imsg`: about 1 s doubling to 60 s, with ±20 %
 * jitter so several accounts do not retry in lockstep, reset once the child
 * has stayed healthy for a minute. The clock is injectable so the schedule
 * can be checked without waiting for it.
 */
export class Backoff {
  private attempt = 0;
  private healthySince: number | null = null;
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly resetAfterMs: number;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(
    options: {
      baseMs?: number;
      maxMs?: number;
      resetAfterMs?: number;
      random?: () => number;
      now?: () => number;
    } = {},
  ) {
    this.baseMs = options.baseMs ?? 1_000;
    this.maxMs = options.maxMs ?? 60_000;
    this.resetAfterMs = options.resetAfterMs ?? 60_000;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  /** The child is up and answering; if it stays so for `resetAfterMs`, the next failure starts again at ~1 s. */
  connected(): void {
    this.healthySince = this.now();
  }

  /** The delay before the next start, after a failure. */
  next(): number {
    if (this.healthySince !== null && this.now() - this.healthySince >= this.resetAfterMs) this.attempt = 0;
    this.healthySince = null;
    const raw = Math.min(this.maxMs, this.baseMs * 2 ** this.attempt);
    this.attempt++;
    const jitter = 1 + (this.random() * 0.4 - 0.2);
    return Math.round(Math.min(this.maxMs, raw * jitter));
  }

  reset(): void {
    this.attempt = 0;
  }

  get attempts(): number {
    return this.attempt;
  }
}
