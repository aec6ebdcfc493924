/**
 * Runs tasks one at a time per key, in the order they were added, while
 * different keys run concurrently. Nothing is ever dropped: a busy key just
 * grows its queue (the reference capped it at 20 and lost the overflow).
 * A waiting task costs one array slot, not a promise chain: a burst of
 * thousands of rows sits here at once.
 */
export class KeyedSerialQueue {
  private readonly waiting = new Map<string, (() => Promise<void>)[]>();
  private running = 0;
  private waiters: { limit: number; resolve: () => void }[] = [];

  push(key: string, task: () => Promise<void>): void {
    this.running++;
    const tasks = this.waiting.get(key);
    if (tasks) {
      tasks.push(task);
      return;
    }
    this.waiting.set(key, [task]);
    // Start on a microtask, as a promise chain would: the caller finishes its own step first.
    queueMicrotask(() => void this.drain(key));
  }

  get size(): number {
    return this.running;
  }

  /** Resolves once every queued task has finished. */
  idle(): Promise<void> {
    return this.atMost(0);
  }

  /** Resolves once no more than `limit` tasks are queued or running. */
  atMost(limit: number): Promise<void> {
    if (this.running <= limit) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ limit, resolve }));
  }

  private async drain(key: string): Promise<void> {
    const tasks = this.waiting.get(key) ?? [];
    // An index rather than shift(), which is linear per call; done slots are cut off in batches.
    let next = 0;
    while (next < tasks.length) {
      const task = tasks[next] as () => Promise<void>;
      try {
        await task();
      } catch {
        // Tasks log their own failures; this only keeps one failure from stalling the key.
      }
      next++;
      if (next >= COMPACT_AFTER) {
        tasks.splice(0, next);
        next = 0;
      }
      this.taskDone();
    }
    this.waiting.delete(key);
  }

  private taskDone(): void {
    this.running--;
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((waiter) => this.running <= waiter.limit);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => this.running > waiter.limit);
    for (const waiter of ready) waiter.resolve();
  }
}

const COMPACT_AFTER = 256;
