import { setTimeout as sleep } from "node:timers/promises";
import { canThreadReplies } from "../imsg/imsg-capabilities.ts";
import type { ImsgResult } from "../imsg/imsg-methods.ts";
import type { ImsgSupervisor } from "../imsg/imsg-supervisor.ts";
import { IMSG_TIMEOUTS } from "../imsg/imsg-timeouts.ts";
import type { RpcClient } from "../imsg/rpc-client.ts";
import type { Logger } from "../log/logger.ts";
import type { OutboxEntry, SettleJournal } from "../state/settle-journal.ts";
import type { ChatMemory } from "./chat-memory.ts";
import { type DeliveryTracker, describeSendProblem } from "./delivery-tracker.ts";
import type { SentText } from "./echo-memory.ts";
import type { OutboundFile } from "./outbound-media.ts";
import { echoText, partsOf, type ReplyPart, remembered, sendParams, sentPart } from "./reply-parts.ts";
import { classifySendFailure, type SendFailure } from "./send-failure.ts";
import { awaitOwnRow, findOwnRow } from "./sent-row-finder.ts";

const REJECTED_SEND_RETRIES = 4;
/**
 * How long a send imsg could not account for (-32001) is looked for before it
 * is reported, not resent. One "still in flight" may land much later; one
 * that "may have completed" has already had imsg's own check.
 */
const PROOF_WAIT_MS = { stillInFlight: 30_000, mayHaveCompleted: 5_000 };
/**
 * A send started just before the gateway died may still land: imsg finishes a
 * send whose caller went away. Its row is looked for this long after the
 * attempt started before the chunk is sent again.
 */
const ORPHANED_SEND_GRACE_MS = 10_000;

export type DeliveryResult = { ok: true } | { ok: false; error: string; uncertain?: true };

/**
 * Delivers one reply, part by part (text chunks, then files), exactly once.
 * Every part is journaled before and after its `send`; when a send was
 * interrupted (the child died, the call timed out, the gateway was killed)
 * the chat's history is checked for our own row (its text, or its file's
 * name) before anything is sent again.
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
  private readonly memory: ChatMemory;
  private readonly log: Logger;
  private readonly delivery: DeliveryTracker;
  private readonly releaseMedia: (files: readonly OutboundFile[]) => Promise<void>;
  /** The highest rowid known to exist in the database: watched rows, our own sends, the newest row at subscribe. */
  private knownRowid = 0;

  constructor(options: {
    supervisor: ImsgSupervisor;
    journal: SettleJournal;
    memory: ChatMemory;
    delivery: DeliveryTracker;
    /** Deletes a delivered reply's downloads and copies, wherever they are. */
    releaseMedia: (files: readonly OutboundFile[]) => Promise<void>;
    log: Logger;
  }) {
    this.supervisor = options.supervisor;
    this.journal = options.journal;
    this.memory = options.memory;
    this.delivery = options.delivery;
    this.releaseMedia = options.releaseMedia;
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
    key: { guid: string; chatId: number; covers?: string[] },
    chunks: string[],
    chatKeys: string[],
    extras: { media?: OutboundFile[]; replyTo?: string } = {},
  ): Promise<void> {
    const media = extras.media ?? [];
    if (chunks.length === 0 && media.length === 0) return;
    const entry: OutboxEntry = {
      ...key,
      chunks,
      ...(media.length > 0 ? { media } : {}),
      ...(extras.replyTo ? { replyTo: extras.replyTo } : {}),
      sent: 0,
      at: Date.now(),
    };
    this.journal.recordOutbox(entry);
    const result = await this.deliver(entry, chatKeys, { verifyFirst: false });
    if (!result.ok) this.giveUp(key.chatId, result);
  }

  /** A reply that could not be delivered: logged, and shown to the owner as the chat's delivery problem. */
  giveUp(chatId: number, result: Extract<DeliveryResult, { ok: false }>): void {
    this.log.error("could not deliver a reply; giving up on it", { chat: chatId, error: result.error });
    this.delivery.record({
      chatId,
      kind: result.uncertain ? "uncertain" : "failed",
      reason: describeSendProblem(result.error),
    });
  }

  /**
   * Sends the parts of `entry` not yet sent. `verifyFirst` when the entry
   * comes from before a restart. Files fetched for it are deleted once it is
   * done with, delivered or given up.
   */
  async deliver(
    entry: OutboxEntry,
    chatKeys: string[],
    options: { verifyFirst: boolean },
  ): Promise<DeliveryResult> {
    const parts = partsOf(entry);
    try {
      for (let index = entry.sent; index < parts.length; index++) {
        const part = parts[index] as ReplyPart;
        // Only a part whose attempt was journaled can have gone out before the restart.
        const interrupted = options.verifyFirst && entry.attempt?.index === index ? entry.attempt : undefined;
        const result = await this.deliverPart(entry, index, part, chatKeys, interrupted);
        if (!result.ok) return result;
      }
      return { ok: true };
    } finally {
      await this.releaseMedia(entry.media ?? []).catch((error: Error) =>
        this.log.warn("could not delete a downloaded file after sending it", { error: error.message }),
      );
    }
  }

  /** `interrupted` is set when an earlier attempt of this part may have gone through: look before sending. */
  private async deliverPart(
    entry: OutboxEntry,
    index: number,
    part: ReplyPart,
    chatKeys: string[],
    interrupted: OutboxEntry["attempt"],
  ): Promise<DeliveryResult> {
    let refusals = 0;
    let waits = 0;
    let after = interrupted?.after;
    let verify = interrupted !== undefined;
    let lateUntil = interrupted?.startedAt === undefined ? 0 : interrupted.startedAt + ORPHANED_SEND_GRACE_MS;
    let threaded = "replyTo" in part;
    for (;;) {
      const client = await this.supervisor.whenReady();
      // Remembered before sending: the echo row can arrive before the answer to `send`.
      const echo = this.memory.echoes.rememberSend(chatKeys, echoText(part));
      // The bridge that threads replies can be gone after a restart: then the reply goes unthreaded.
      threaded &&= canThreadReplies(this.supervisor.capabilities);
      let failure: SendFailure;
      try {
        if (verify && after !== undefined && (await this.landed(entry, index, part, after, client, echo)))
          return { ok: true };
        if (verify && after !== undefined && Date.now() < lateUntil) {
          const wait = lateUntil - Date.now();
          lateUntil = 0;
          if (await this.awaitProof(entry, index, part, after, wait, echo)) return { ok: true };
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
        const sent = await client.call("send", sendParams(entry.chatId, part, threaded), {
          timeoutMs: IMSG_TIMEOUTS.sendMs,
        });
        this.accepted(entry, index, part, sent, echo);
        return { ok: true };
      } catch (error) {
        failure = classifySendFailure(error);
      }
      const context = { chat: entry.chatId, index, error: failure.detail };
      switch (failure.kind) {
        case "our-bug":
          // imsg checks `reply_to` before dispatching anything: the same text can go out unthreaded.
          if (threaded) {
            this.log.warn("imsg refused to thread a reply; sending it unthreaded", context);
            threaded = false;
            break;
          }
          this.log.error("imsg refuses a send Pinch built wrongly; not trying it again", context);
          return { ok: false, error: failure.detail };
        case "outcome-unknown": {
          const wait = failure.stillInFlight ? PROOF_WAIT_MS.stillInFlight : PROOF_WAIT_MS.mayHaveCompleted;
          const proven = await this.awaitProof(entry, index, part, after ?? this.knownRowid, wait, echo);
          // A send still in flight blocks every later one until the child restarts.
          if (failure.stillInFlight) client.kill();
          if (proven) return { ok: true };
          this.log.error("imsg cannot tell whether a reply went out; not sending it again", context);
          return { ok: false, uncertain: true, error: failure.detail };
        }
        case "lane-blocked":
          this.log.warn("an earlier send is still in flight; restarting imsg before this one", context);
          client.kill();
          verify = true;
          break;
        case "not-now":
          waits++;
          this.log.warn("imsg cannot take a send now; waiting", { ...context, attempt: waits });
          await sleep(Math.min(30_000, 1_000 * 2 ** (waits - 1)));
          break;
        case "refused":
          refusals++;
          // Automation denied (-1743) is the one permission a send alone runs into: reads still work.
          if (failure.automation) this.supervisor.reportSendPermission("automation", failure.detail);
          if (refusals > REJECTED_SEND_RETRIES) return { ok: false, error: failure.detail };
          this.log.warn("imsg refused a send; retrying", { ...context, attempt: refusals });
          await sleep(1_000 * 2 ** (refusals - 1));
          verify = !failure.retrySafe;
          break;
        case "interrupted":
          this.log.warn("a send was interrupted; will check and retry once imsg is back", context);
          // A send that never answers means a stuck child; a slow read only means a large database.
          if (failure.timedOut) client.kill();
          verify = true;
          break;
      }
    }
  }

  private accepted(
    entry: OutboxEntry,
    index: number,
    part: ReplyPart,
    sent: ImsgResult<"send">,
    echo: SentText,
  ): void {
    this.memory.echoes.confirmSend(echo, [sent.id, sent.guid]);
    if (sent.guid) this.memory.rememberSent(sent.guid, remembered(part));
    if (sent.id !== undefined) this.noteRowid(sent.id);
    if (sent.guid) this.delivery.track(sent.guid, entry.chatId);
    this.journal.recordSentChunk(entry.guid, index);
    this.supervisor.sendSucceeded();
  }

  /** Whether an earlier attempt of this part is in the chat: then it counts as sent. */
  private async landed(
    entry: OutboxEntry,
    index: number,
    part: ReplyPart,
    after: number,
    client: RpcClient,
    echo: SentText,
  ): Promise<boolean> {
    const found = await findOwnRow(client, entry.chatId, sentPart(part), after);
    return found !== undefined && this.countAsSent(entry, index, found, echo);
  }

  /** After imsg could not tell (-32001), or after a restart: look for the row a while before giving up on it. */
  private async awaitProof(
    entry: OutboxEntry,
    index: number,
    part: ReplyPart,
    after: number,
    waitMs: number,
    echo: SentText,
  ): Promise<boolean> {
    const client = () => this.supervisor.client;
    const found = await awaitOwnRow(client, entry.chatId, sentPart(part), after, waitMs);
    return found !== undefined && this.countAsSent(entry, index, found, echo);
  }

  private countAsSent(entry: OutboxEntry, index: number, rowid: number, echo: SentText): true {
    this.memory.echoes.confirmSend(echo, [rowid]);
    this.log.info("an interrupted send had gone through; not sending it again", {
      chat: entry.chatId,
      index,
    });
    this.noteRowid(rowid);
    this.journal.recordSentChunk(entry.guid, index);
    return true;
  }
}
