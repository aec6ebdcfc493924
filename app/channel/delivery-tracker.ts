import type { DeliveryProblem } from "../imsg/account-status.ts";
import { canUse, type ImsgCapabilities } from "../imsg/imsg-capabilities.ts";
import type { RpcClient } from "../imsg/rpc-client.ts";
import type { Logger } from "../log/logger.ts";
import { isGhostRow } from "./send-failure.ts";

/** Messages marks a send failed within seconds when it fails at all; a second look catches a slow network. */
const CHECK_AFTER_MS = [5_000, 60_000];
const KEPT = 20;

/**
 * Follows replies after `send` accepted them, where imsg can say what became
 * of a message (`message.send_status`): one that ends `failed` is logged and
 * kept for the status, with the macOS 26 group-send problem named. The most
 * recent problems are kept, newest last.
 */
export class DeliveryTracker {
  private readonly problemsValue: DeliveryProblem[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
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

  /** Watches a sent message, when imsg can report on it. */
  track(guid: string, chatId: number): void {
    if (!canUse(this.options.capabilities(), "message.send_status")) return;
    for (const delay of CHECK_AFTER_MS) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.check(guid, chatId);
      }, delay);
      timer.unref();
      this.timers.add(timer);
    }
  }

  record(problem: Omit<DeliveryProblem, "at">): void {
    this.problemsValue.push({ ...problem, at: new Date().toISOString() });
    if (this.problemsValue.length > KEPT) this.problemsValue.shift();
    this.options.onChange();
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async check(guid: string, chatId: number): Promise<void> {
    const client = this.options.client();
    if (!client) return;
    try {
      const status = await client.call("message.send_status", { guid });
      if (status.send_state !== "failed") return;
      if (this.problemsValue.some((problem) => problem.reason.includes(guid))) return;
      const code = status.status_fields?.error;
      const reason = `Messages marked the reply ${guid} as not delivered${code ? ` (error ${code})` : ""}`;
      this.options.log.error("a reply was not delivered", { chat: chatId, guid, error: code });
      this.record({ chatId, kind: "failed", reason });
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
