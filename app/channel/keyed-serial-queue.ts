/**
 * Runs tasks one at a time per key, in the order they were added, while
 * different keys run concurrently. Nothing is ever dropped: a busy key just
 * grows its queue (the reference capped it at 20 and lost the overflow).
 */
export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  push(key: string, task: () => Promise<void>): void {
    this.running++;
    const previous = this.tails.get(key) ?? Promise.resolve();
    // Tasks log their own failures; the catch only keeps one failure from stalling the key's chain.
    const next = previous
      .then(task)
      .catch(() => undefined)
      .finally(() => this.taskDone(key, next));
    this.tails.set(key, next);
  }

  get size(): number {
    return this.running;
  }

  /** Resolves once every queued task has finished. */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private taskDone(key: string, settled: Promise<void>): void {
    this.running--;
    if (this.tails.get(key) === settled) this.tails.delete(key);
    if (this.running === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
