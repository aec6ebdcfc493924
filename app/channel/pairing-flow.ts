import { type FSWatcher, watch } from "node:fs";
import path from "node:path";
import {
  type ApprovedSender,
  HELD_TEXT_MAX_CHARS,
  type HeldMessage,
  type PairingRequest,
  type PairingStore,
} from "../access/pairing-store.ts";
import type { UnpairedResponse } from "../config/schema.ts";
import type { Message } from "../imsg/protocol.ts";
import type { Logger } from "../log/logger.ts";
import type { HeldMessageAnswers } from "./held-message-answers.ts";
import type { NoticeOutbox } from "./notice-outbox.ts";
import { APPROVED_NOTICE, pairingReplyText } from "./pairing-messages.ts";

export interface PairingFlowParts {
  store: PairingStore;
  notices: NoticeOutbox;
  /** Answers approved senders' first messages. */
  held: HeldMessageAnswers;
  /** Answers `message` in its chat, formatted and journaled like any reply. */
  reply(message: Message, text: string, chatKeys: string[]): Promise<void>;
  /** Runs a task in a chat's queue, so a notice keeps its place among that chat's replies. */
  enqueue(queueKey: string, task: () => Promise<void>): void;
  unpairedResponse(): UnpairedResponse;
  log: Logger;
  onRequest(request: PairingRequest): void;
  /** An unknown sender got no code: the hour's new requests were used up. */
  onTurnedAway(): void;
  /** The pairing file changed: a request came or went, someone was approved or removed. */
  onChanged(): void;
}

/** Journal keys of approval notices: they answer no inbound row, so they carry their own. */
const NOTICE_PREFIX = "pairing-approved:";

/**
 * DM pairing for one account (spec §5): an unknown sender gets a code once
 * per live request; approvals made anywhere (this window, the CLI, another
 * process) apply at once, and `--notify` approvals are told through the
 * account's imsg, journaled like every reply so a crash neither loses nor
 * repeats the notice.
 */
export class PairingFlow {
  private readonly parts: PairingFlowParts;
  private watcher: FSWatcher | null = null;
  private following: Promise<void> = Promise.resolve();

  constructor(parts: PairingFlowParts) {
    this.parts = parts;
  }

  /** Watches the pairing file and delivers notices journaled before a restart. */
  start(): void {
    const { store, log } = this.parts;
    try {
      this.watcher = watch(path.dirname(store.path), (_event, name) => {
        if (name !== path.basename(store.path)) return;
        store.invalidate();
        this.parts.onChanged();
        this.followApprovals();
      });
      this.watcher.on("error", (error) =>
        log.warn("stopped watching the pairing store", { error: error.message }),
      );
    } catch (error) {
      log.warn("cannot watch the pairing store; approvals apply on the next message", {
        error: (error as Error).message,
      });
    }
    for (const entry of this.parts.notices.pending(NOTICE_PREFIX)) this.queueNotice(entry.guid, entry.chatId);
    this.parts.held.start();
    // Approvals made while no gateway ran.
    this.followApprovals();
  }

  stop(): void {
    this.watcher?.close();
    this.watcher = null;
  }

  /** An unknown sender wrote: a code for them (once per live request), unless the hour's codes are used up. */
  async request(message: Message, key: string, chatKeys: string[]): Promise<void> {
    const { store, log } = this.parts;
    const sender = message.sender ?? key;
    const name = message.sender_name || undefined;
    const firstMessage = heldMessage(message);
    const result = await store.createRequest({
      sender,
      key,
      chatId: message.chat_id,
      ...(name ? { name } : {}),
      ...(firstMessage ? { firstMessage } : {}),
    });
    if (result.status === "rate-limited") {
      log.warn("no pairing code for an unknown sender: too many new requests this hour", {
        sender: key,
        issued: result.issuedThisHour,
      });
      this.parts.onTurnedAway();
      return;
    }
    if (result.status === "pending") return;
    if (result.evicted) {
      log.info("a pending pairing request made room for a newer one", {
        sender: result.evicted.key,
        code: result.evicted.code,
      });
    }
    log.info("new pairing request", { sender: key, code: result.request.code, name });
    this.parts.onRequest(result.request);
    const style = this.parts.unpairedResponse();
    if (style === "silent") return;
    await this.parts.reply(message, pairingReplyText(style, result.request.code, sender), chatKeys);
  }

  /**
   * One change of the pairing file at a time (a write fires several watch events): the approval
   * notice is queued before the answer to the sender's first message, so it reads first.
   */
  private followApprovals(): void {
    const { log } = this.parts;
    this.following = this.following
      .then(() => this.tellApproved())
      .then(() => this.parts.held.answerApproved())
      .catch((error: Error) => log.warn("could not follow a pairing approval", { error: error.message }));
  }

  /**
   * Approvals waiting to be told: each is journaled first, then taken from
   * the pairing file, then sent in its chat's queue.
   */
  private async tellApproved(): Promise<void> {
    const { store, notices, log } = this.parts;
    const waiting = store.snapshot().notify;
    if (waiting.length === 0) return;
    const journaled = new Set<string>();
    for (const approved of waiting) {
      if (approved.chatId === undefined) {
        log.warn("cannot tell an approved sender: the request recorded no chat", { sender: approved.key });
        journaled.add(noticeKey(approved));
        continue;
      }
      notices.record({ guid: noticeKey(approved), chatId: approved.chatId }, [APPROVED_NOTICE]);
      journaled.add(noticeKey(approved));
    }
    const taken = await store.takeNotifications((approved) => journaled.has(noticeKey(approved)));
    for (const approved of taken) {
      if (approved.chatId !== undefined) this.queueNotice(noticeKey(approved), approved.chatId);
    }
  }

  private queueNotice(guid: string, chatId: number): void {
    this.parts.enqueue(`chat:${chatId}`, () => this.parts.notices.deliver(guid));
  }
}

function noticeKey(approved: ApprovedSender): string {
  return `${NOTICE_PREFIX}${approved.key}:${approved.approvedAt}`;
}

/** What is kept of a stranger's first message to answer it on approval; nothing when it has no words. */
function heldMessage(message: Message): HeldMessage | undefined {
  const text = (message.text ?? "").trim();
  if (text === "") return undefined;
  return {
    guid: message.guid,
    rowid: message.id,
    chatId: message.chat_id,
    text: text.length > HELD_TEXT_MAX_CHARS ? `${text.slice(0, HELD_TEXT_MAX_CHARS - 1)}…` : text,
    createdAt: message.created_at,
  };
}
