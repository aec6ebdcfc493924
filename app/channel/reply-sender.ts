import type { ImsgSupervisor } from "../imsg/imsg-supervisor.ts";
import { HistoryResult, SendResult } from "../imsg/protocol.ts";
import { RpcFailure } from "../imsg/rpc-error.ts";
import type { Logger } from "../log/logger.ts";
import type { OutboxEntry, SettleJournal } from "../state/settle-journal.ts";
import type { EchoMemory } from "./echo-memory.ts";

/** Sends can legitimately take long (AppleScript into Messages); a stalled child is caught by the health ping. */
const SEND_TIMEOUT_MS = 120_000;
const REJECTED_SEND_RETRIES = 4;
/** How far back to look for our own row when checking whether an interrupted send went through. */
const HISTORY_SLACK_MS = 5_000;

export type DeliveryResult = { ok: true } | { ok: false; error: string };

/**
 * Delivers one reply, chunk by chunk, exactly once. Every chunk is journaled
 * before and after its `send`; when a send was interrupted (the child died,
 * the call timed out, the gateway was killed) the chat's history is checked
 * for our own row before anything is sent again.
 */
export class ReplySender {
  private readonly supervisor: ImsgSupervisor;
  private readonly journal: SettleJournal;
  private readonly echoMemory: EchoMemory;
  private readonly log: Logger;

  constructor(options: {
    supervisor: ImsgSupervisor;
    journal: SettleJournal;
    echoMemory: EchoMemory;
    log: Logger;
  }) {
    this.supervisor = options.supervisor;
    this.journal = options.journal;
    this.echoMemory = options.echoMemory;
    this.log = options.log;
  }

  /** Sends the chunks of `entry` not yet sent. `verifyFirst` when the entry comes from before a restart. */
  async deliver(
    entry: OutboxEntry,
    chatKeys: string[],
    options: { verifyFirst: boolean },
  ): Promise<DeliveryResult> {
    let verify = options.verifyFirst;
    for (let index = entry.sent; index < entry.chunks.length; index++) {
      const chunk = entry.chunks[index] as string;
      const result = await this.deliverChunk(entry, index, chunk, chatKeys, verify);
      if (!result.ok) return result;
      verify = false;
    }
    return { ok: true };
  }

  private async deliverChunk(
    entry: OutboxEntry,
    index: number,
    chunk: string,
    chatKeys: string[],
    verifyFirst: boolean,
  ): Promise<DeliveryResult> {
    let rejected = 0;
    let verify = verifyFirst;
    for (;;) {
      const client = await this.supervisor.whenReady();
      // Remembered before sending: the echo row can arrive before the answer to `send`.
      this.echoMemory.rememberText(chatKeys, chunk);
      try {
        if (verify && (await this.alreadySent(entry, chunk))) {
          this.log.info("an interrupted send had gone through; not sending it again", {
            chat: entry.chatId,
            index,
          });
          this.journal.recordSentChunk(entry.guid, index);
          return { ok: true };
        }
        // `at` is a sub-millisecond clock so `npm run bench` can take the gateway's own share from the log.
        this.log.debug("sending", {
          guid: entry.guid,
          index,
          at: performance.timeOrigin + performance.now(),
        });
        const sent = await client.call("send", { chat_id: entry.chatId, text: chunk }, SendResult, {
          timeoutMs: SEND_TIMEOUT_MS,
        });
        this.echoMemory.rememberId(sent.id);
        this.echoMemory.rememberId(sent.guid);
        this.journal.recordSentChunk(entry.guid, index);
        return { ok: true };
      } catch (error) {
        const failure = error instanceof RpcFailure ? error : undefined;
        if (!failure || failure.kind === "rpc-error" || failure.kind === "invalid-result") {
          rejected++;
          const message = (error as Error).message;
          if (rejected > REJECTED_SEND_RETRIES) return { ok: false, error: message };
          this.log.warn("imsg refused a send; retrying", {
            chat: entry.chatId,
            attempt: rejected,
            error: message,
          });
          await sleep(1_000 * 2 ** (rejected - 1));
        } else {
          this.log.warn("a send was interrupted; will check and retry once imsg is back", {
            chat: entry.chatId,
            error: failure.message,
          });
          if (failure.kind === "timeout") client.kill();
        }
        // Whatever happened, the chunk may have reached Messages: look before sending again.
        verify = true;
      }
    }
  }

  private async alreadySent(entry: OutboxEntry, chunk: string): Promise<boolean> {
    const client = await this.supervisor.whenReady();
    const history = await client.call(
      "messages.history",
      { chat_id: entry.chatId, limit: 50 },
      HistoryResult,
    );
    const since = entry.at - HISTORY_SLACK_MS;
    return history.messages.some(
      (message) => message.is_from_me && message.text === chunk && Date.parse(message.created_at) >= since,
    );
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
