import type { Message } from "../imsg/protocol.ts";
import type { RowFacts, TurnAdmission } from "./turn-runner.ts";

/** One admitted message waiting to see whether its sender writes again. */
export type HeldMessage = { message: Message; admission: TurnAdmission; keys: string[]; row: RowFacts };

/**
 * Whether a message may wait for the rest of a burst: a plain-text turn. A
 * command must act at once, and a file is answered as it comes (the
 * reference flushes media immediately, too).
 */
export function mayJoinBurst(message: Message, admission: TurnAdmission): boolean {
  return !admission.command && (message.attachments?.length ?? 0) === 0 && (message.text ?? "").trim() !== "";
}

/**
 * Whether `next` continues the burst that ends with `last`: the same sender
 * in the same chat, written within the window. The rows' own times decide,
 * so a backlog replayed after a restart is grouped as it was written, not
 * merged because it arrives all at once.
 */
export function continuesBurst(last: Message, next: Message, windowMs: number): boolean {
  if (last.sender !== next.sender || last.chat_id !== next.chat_id) return false;
  const gap = Date.parse(next.created_at) - Date.parse(last.created_at);
  return Number.isNaN(gap) || gap <= windowMs;
}

/**
 * Holds the latest burst of each queue (one per session, see the pipeline)
 * until its sender has been quiet for the window, then releases it whole.
 * Anything else for that queue releases the burst first, so the queue's
 * order is the order the messages arrived in. Held rows are not settled: a
 * crash while they wait replays them, and they form the same burst again.
 */
export class BurstHolder {
  private readonly held = new Map<string, { items: HeldMessage[]; timer: NodeJS.Timeout }>();
  private readonly release: (queueKey: string, items: HeldMessage[]) => void;

  constructor(release: (queueKey: string, items: HeldMessage[]) => void) {
    this.release = release;
  }

  hold(queueKey: string, item: HeldMessage, windowMs: number): void {
    const burst = this.held.get(queueKey);
    const last = burst?.items.at(-1);
    if (burst && last && continuesBurst(last.message, item.message, windowMs)) {
      clearTimeout(burst.timer);
      burst.items.push(item);
      burst.timer = this.quietAfter(queueKey, windowMs);
      return;
    }
    this.flush(queueKey);
    this.held.set(queueKey, { items: [item], timer: this.quietAfter(queueKey, windowMs) });
  }

  /** Releases the burst held for `queueKey`, if any. */
  flush(queueKey: string): void {
    const burst = this.held.get(queueKey);
    if (!burst) return;
    clearTimeout(burst.timer);
    this.held.delete(queueKey);
    this.release(queueKey, burst.items);
  }

  flushAll(): void {
    for (const queueKey of [...this.held.keys()]) this.flush(queueKey);
  }

  private quietAfter(queueKey: string, windowMs: number): NodeJS.Timeout {
    return setTimeout(() => this.flush(queueKey), windowMs);
  }
}
