/**
 * Runs a task at most once per interval: the first request at once, later
 * ones in the interval folded into one run at its end, so the last change is
 * never lost.
 */
export class Throttle {
  private readonly intervalMs: number;
  private readonly task: () => void;
  private readonly now: () => number;
  private lastRun = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;

  constructor(intervalMs: number, task: () => void, now: () => number = Date.now) {
    this.intervalMs = intervalMs;
    this.task = task;
    this.now = now;
  }

  request(): void {
    if (this.timer !== undefined) return;
    const wait = this.lastRun + this.intervalMs - this.now();
    if (wait <= 0) {
      this.run();
      return;
    }
    this.timer = setTimeout(() => this.run(), wait);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private run(): void {
    this.timer = undefined;
    this.lastRun = this.now();
    this.task();
  }
}
