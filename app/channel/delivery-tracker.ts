import type { DeliveryProblem } from "../imsg/account-status.ts";
import { canUse, type ImsgCapabilities } from "../imsg/imsg-capabilities.ts";
import type { RpcClient } from "../imsg/rpc-client.ts";
import type { Logger } from "../log/logger.ts";
import { isGhostRow } from "./send-failure.ts";

/** Messages marks a send failed within seconds when it fails at all; a second look catches a slow network. */
const CHECK_AFTER_MS = [5_000, 60_000];
const SWEEP_EVERY_MS = 2_500;
/** A sweep asks imsg about this many sends at most: a burst of replies must not become a burst of reads. */
const CHECKS_PER_SWEEP = 20;
/** Sends waiting for a check; beyond this the oldest are no longer followed (a burst, not a conversation). */
const MAX_FOLLOWED = 200;
const KEPT = 20;

interface Followed {
  guid: string;
  chatId: number;
  /** When each remaining check is due, soonest first. */
  due: number[];
}

/**
 * Follows replies after `send` accepted them, where imsg can say what became
 * of a message (`message.send_status`): one that ends `failed` is logged and
 * kept for the status, with the macOS 26 group-send problem named. Checks
 * are made by one sweep, a few at a time, so following replies costs imsg
 * little even after a burst. The most recent problems are kept, newest last.
 */
export class DeliveryTracker {
  private readonly problemsValue: DeliveryProblem[] = [];
  private readonly followed: Followed[] = [];
  private sweep: NodeJS.Timeout | null = null;
  /** A slow imsg must not stack sweeps on top of each other. */
  private sweeping = false;
  private readonly options: {
    client: () => RpcClient | null;
    capabilities: () => ImsgCapabilities;
    log: Logger;
    onChange: () => void;
  };

  constructor(options: DeliveryTracker["options"]) {
    this.options = options;
  }

  get problems(): readonly DeliveryProblem[] {
    return this.problemsValue;
  }

  /** Follows a sent message, when imsg can report on it. */
  track(guid: string, chatId: number): void {
    if (!canUse(this.options.capabilities(), "message.send_status")) return;
    const now = Date.now();
    this.followed.push({ guid, chatId, due: CHECK_AFTER_MS.map((delay) => now + delay) });
    if (this.followed.length > MAX_FOLLOWED) this.followed.shift();
    this.sweep ??= setInterval(() => void this.checkDue(), SWEEP_EVERY_MS);
    this.sweep.unref();
  }

  record(problem: Omit<DeliveryProblem, "at">): void {
    this.problemsValue.push({ ...problem, at: new Date().toISOString() });
    if (this.problemsValue.length > KEPT) this.problemsValue.shift();
    this.options.onChange();
  }

  stop(): void {
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = null;
    this.followed.length = 0;
  }

  private async checkDue(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      await this.checkDueOnce();
    } finally {
      this.sweeping = false;
    }
  }

  private async checkDueOnce(): Promise<void> {
    const client = this.options.client();
    const now = Date.now();
    const due = this.followed.filter((entry) => (entry.due[0] ?? Infinity) <= now).slice(0, CHECKS_PER_SWEEP);
    for (const entry of due) {
      entry.due.shift();
      if (client) await this.check(client, entry);
    }
    for (let index = this.followed.length - 1; index >= 0; index--) {
      if (this.followed[index]?.due.length === 0) this.followed.splice(index, 1);
    }
    if (this.followed.length === 0 && this.sweep) {
      clearInterval(this.sweep);
      this.sweep = null;
    }
  }

  private async check(client: RpcClient, { guid, chatId }: Followed): Promise<void> {
    try {
      const status = await client.call("message.send_status", { guid });
      if (status.send_state !== "failed") return;
      const code = status.status_fields?.error;
      const reason = `Messages marked the reply ${guid} as not delivered${code ? ` (error ${code})` : ""}`;
      this.options.log.error("a reply was not delivered", { chat: chatId, guid, error: code });
      this.record({ chatId, kind: "failed", reason });
      // Reported once: a failed message stays failed.
      const entry = this.followed.find((candidate) => candidate.guid === guid);
      if (entry) entry.due.length = 0;
    } catch (error) {
      this.options.log.debug("could not check a reply's delivery", { error: (error as Error).message });
    }
  }
}

/** The words a person reads for a send that failed in a way macOS is known for. */
export function describeSendProblem(detail: string): string {
  return isGhostRow(detail)
    ? "macOS wrote an empty SMS row instead of sending to the group (a known macOS 26 problem); send it again from Messages"
    : detail;
}
