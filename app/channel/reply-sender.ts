import type { ImsgSupervisor } from "../imsg/imsg-supervisor.ts";
import { IMSG_TIMEOUTS } from "../imsg/imsg-timeouts.ts";
import { RpcFailure } from "../imsg/rpc-error.ts";
import type { Logger } from "../log/logger.ts";
import type { OutboxEntry, SettleJournal } from "../state/settle-journal.ts";
import type { EchoMemory } from "./echo-memory.ts";

const REJECTED_SEND_RETRIES = 4;
/**
 * Checking whether an interrupted send went through reads the chat's newest
 * rows, few at first and more only while the page does not reach back to the
 * floor. imsg's history is slow on a large chat.db (it looks up reactions row
 * by row), and after a crash every chat checks at once: small pages and a
 * patient timeout keep that from turning into timeouts and restarts.
 */
const VERIFY_FIRST_PAGE = 10;
const VERIFY_MAX_PAGE = 640;

export type DeliveryResult = { ok: true } | { ok: false; error: string };

/**
 * Delivers one reply, chunk by chunk, exactly once. Every chunk is journaled
 * before and after its `send`; when a send was interrupted (the child died,
 * the call timed out, the gateway was killed) the chat's history is checked
 * for our own row before anything is sent again.
 *
 * The check matches on rowids, not on time: before a chunk's first `send` the
 * highest rowid known to exist is journaled with the attempt. Sends to one
 * chat run one at a time, and every earlier row of ours is at or below that
 * floor (its rowid came back from `send` or from history, or it existed when
 * this watch began), so a row of ours with the same text above the floor is
 * this send. Matching text within a time window instead took an identical
 * earlier reply ("ok", "echo: hi") for the interrupted one, and lost it.
 */
export class ReplySender {
  private readonly supervisor: ImsgSupervisor;
  private readonly journal: SettleJournal;
  private readonly echoMemory: EchoMemory;
  private readonly log: Logger;
  /** The highest rowid known to exist in the database: watched rows, our own sends, the newest row at subscribe. */
  private knownRowid = 0;

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

  /** A row exists up to `rowid` (watched, or the newest at subscribe): later sends land above it. */
  noteRowid(rowid: number): void {
    if (rowid > this.knownRowid) this.knownRowid = rowid;
  }

  /**
   * A new reply: journaled before anything is sent (a crash cannot lose it),
   * then delivered. `key` names what it answers (the inbound row's guid), so
   * a replay of that row resumes this reply instead of deciding a new one.
   */
  async sendReply(
    key: { guid: string; chatId: number },
    chunks: string[],
    chatKeys: string[],
  ): Promise<void> {
    if (chunks.length === 0) return;
    const entry: OutboxEntry = { ...key, chunks, sent: 0, at: Date.now() };
    this.journal.recordOutbox(entry);
    const result = await this.deliver(entry, chatKeys, { verifyFirst: false });
    if (!result.ok) {
      this.log.error("could not deliver a reply; giving up on it", { chat: key.chatId, error: result.error });
    }
  }

  /**
   * Journals a message that answers no inbound row (an approval notice)
   * under its own key; false when that key was journaled before (it is being
   * or has been delivered), so a notice is never queued twice.
   */
  journalNotice(key: { guid: string; chatId: number }, chunks: string[]): boolean {
    if (this.journal.isHandled(key.guid) || this.journal.pendingOutbox(key.guid)) return false;
    this.journal.recordOutbox({ ...key, chunks, sent: 0, at: Date.now() });
    return true;
  }

  /** Delivers a journaled notice (checking first whether an earlier attempt landed), then settles it. */
  async deliverNotice(guid: string): Promise<void> {
    const entry = this.journal.pendingOutbox(guid);
    if (!entry) return;
    const result = await this.deliver(entry, [`chat:${entry.chatId}`], { verifyFirst: true });
    if (!result.ok) {
      this.log.error("could not deliver a notice; giving up on it", {
        chat: entry.chatId,
        error: result.error,
      });
    }
    this.journal.settle(guid, null);
  }

  /** Journaled notices not yet settled (after a restart), whose keys start with `prefix`. */
  pendingNotices(prefix: string): OutboxEntry[] {
    return this.journal.allPendingOutbox().filter((entry) => entry.guid.startsWith(prefix));
  }

  /** Sends the chunks of `entry` not yet sent. `verifyFirst` when the entry comes from before a restart. */
  async deliver(
    entry: OutboxEntry,
    chatKeys: string[],
    options: { verifyFirst: boolean },
  ): Promise<DeliveryResult> {
    for (let index = entry.sent; index < entry.chunks.length; index++) {
      const chunk = entry.chunks[index] as string;
      // Only a chunk whose attempt was journaled can have gone out before the restart.
      const floor = options.verifyFirst && entry.attempt?.index === index ? entry.attempt.after : undefined;
      const result = await this.deliverChunk(entry, index, chunk, chatKeys, floor);
      if (!result.ok) return result;
    }
    return { ok: true };
  }

  /** `floor` is set when an earlier attempt of this chunk may have gone through: look before sending. */
  private async deliverChunk(
    entry: OutboxEntry,
    index: number,
    chunk: string,
    chatKeys: string[],
    floor: number | undefined,
  ): Promise<DeliveryResult> {
    let rejected = 0;
    let after = floor;
    let verify = floor !== undefined;
    for (;;) {
      const client = await this.supervisor.whenReady();
      // Remembered before sending: the echo row can arrive before the answer to `send`.
      this.echoMemory.rememberText(chatKeys, chunk);
      try {
        const found =
          verify && after !== undefined ? await this.findSent(entry.chatId, chunk, after) : undefined;
        if (found !== undefined) {
          this.log.info("an interrupted send had gone through; not sending it again", {
            chat: entry.chatId,
            index,
          });
          this.noteRowid(found);
          this.journal.recordSentChunk(entry.guid, index);
          return { ok: true };
        }
        if (after === undefined) {
          after = this.knownRowid;
          this.journal.recordAttempt(entry.guid, index, after);
        }
        // `at` is a sub-millisecond clock so `npm run bench` can take the gateway's own share from the log.
        this.log.debug("sending", {
          guid: entry.guid,
          index,
          at: performance.timeOrigin + performance.now(),
        });
        const sent = await client.call(
          "send",
          { chat_id: entry.chatId, text: chunk },
          { timeoutMs: IMSG_TIMEOUTS.sendMs },
        );
        this.echoMemory.rememberId(sent.id);
        this.echoMemory.rememberId(sent.guid);
        if (sent.id !== undefined) this.noteRowid(sent.id);
        this.journal.recordSentChunk(entry.guid, index);
        this.supervisor.sendSucceeded();
        return { ok: true };
      } catch (error) {
        const failure = error instanceof RpcFailure ? error : undefined;
        if (!failure || failure.kind === "rpc-error" || failure.kind === "invalid-result") {
          rejected++;
          const message = (error as Error).message;
          // Automation denied (-1743) is the one permission a send alone runs into: reads still work.
          if (failure?.permission === "automation")
            this.supervisor.reportSendPermission("automation", message);
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
          // A send that never answers means a stuck child; a slow read only means a large database.
          if (failure.kind === "timeout" && failure.method === "send") client.kill();
          else if (failure.kind === "timeout") await sleep(1_000);
        }
        // Whatever happened, the chunk may have reached Messages: look before sending again.
        verify = true;
      }
    }
  }

  /** The rowid of our own row with this text above `after` in the chat, if the interrupted send landed. */
  private async findSent(chatId: number, chunk: string, after: number): Promise<number | undefined> {
    const client = await this.supervisor.whenReady();
    for (let limit = VERIFY_FIRST_PAGE; ; limit *= 4) {
      const history = await client.call(
        "messages.history",
        { chat_id: chatId, limit },
        { timeoutMs: IMSG_TIMEOUTS.slowReadMs },
      );
      const found = history.messages.find(
        (message) => message.is_from_me && message.text === chunk && message.id > after,
      );
      if (found) return found.id;
      // Newest first: a page that ends at or below the floor (or at the chat's first row) has seen every later row.
      const oldest = history.messages.at(-1);
      if (history.messages.length < limit || !oldest || oldest.id <= after || limit >= VERIFY_MAX_PAGE)
        return undefined;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
