/**
 * Restart delays for a failing `imsg`: about 1 s doubling to 60 s, with ±20 %
 * jitter so several accounts do not retry in lockstep, reset once the child
 * has stayed healthy for a minute.
 */
export class Backoff {
  private attempt = 0;
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly random: () => number;

  constructor(options: { baseMs?: number; maxMs?: number; random?: () => number } = {}) {
    this.baseMs = options.baseMs ?? 1_000;
    this.maxMs = options.maxMs ?? 60_000;
    this.random = options.random ?? Math.random;
  }

  next(): number {
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
