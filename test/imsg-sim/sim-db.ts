/**
 * Plays Messages.app for tests, benchmarks and the demo: makes a fresh
 * `chat.db`, creates chats, writes inbound messages, tapbacks and self-chat
 * rows exactly as Messages would, and reads back what the gateway sent.
 * Point the simulator at `simDb.path` (`imsg rpc --db <path>`), spawning
 * `imsgShimPath()`.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import { fileURLToPath } from "node:url";
import { appleMillisSql, fromAppleMillis } from "./chat-db-schema.ts";
import {
  ATTACHMENT_PLACEHOLDER,
  type AttachmentInput,
  type ChatRow,
  type ChatService,
  chatById,
  createChat,
  ensureDirectChat,
  ensureHandle,
  insertMessage,
  inWriteTransaction,
  openChatDb,
  readOwnAddress,
  setOwnAddress,
  statement,
} from "./chat-db-writer.ts";

export type { AttachmentInput, ChatService } from "./chat-db-writer.ts";
export { type FaultConfig, writeFaultControl } from "./faults.ts";

export type SimChat = ChatRow;

export interface InjectedMessage {
  rowid: number;
  guid: string;
  chatId: number;
}

/** Our own address in a fresh database (a number from the 555-01xx range reserved for fiction). */
export const DEFAULT_OWN_ADDRESS = "+15550100000";

export interface InboundMessage {
  from: string;
  text?: string;
  /** Defaults to the sender's DM chat on `service`, created on first use. */
  chat?: SimChat | number;
  service?: ChatService;
  date?: Date;
  guid?: string;
  /** An inline reply: Messages records the parent in `thread_originator_guid`. */
  replyToGuid?: string;
  /** A non-tapback association; imsg reports it as `reply_to_guid`. */
  associatedMessageGuid?: string;
  /** Absolute paths (or `~/…`) of files, or full attachment rows. */
  attachments?: (string | AttachmentInput)[];
  /** Which of our addresses received it; defaults to our own address, `null` leaves the column empty. */
  destinationCallerId?: string | null;
}

export type TapbackKind = "love" | "like" | "dislike" | "laugh" | "emphasis" | "question" | { emoji: string };

export interface InboundReaction {
  from: string;
  targetGuid: string;
  kind: TapbackKind;
  remove?: boolean;
  /** Defaults to the chat of the target message. */
  chat?: SimChat | number;
  date?: Date;
}

export interface SentMessage {
  rowid: number;
  guid: string;
  chatId: number;
  text: string;
  date: Date;
  /** `handle.id` of the row: the other party in a DM, empty in a group. */
  handle: string;
  destinationCallerId: string;
  service: string;
  attachmentPaths: string[];
}

const TAPBACK_CODES: Record<string, number> = {
  love: 2000,
  like: 2001,
  dislike: 2002,
  laugh: 2003,
  emphasis: 2004,
  question: 2005,
};
/** The summary text Messages writes into a tapback row. */
const TAPBACK_VERBS: Record<string, [added: string, removed: string]> = {
  love: ["Loved", "Removed a heart from"],
  like: ["Liked", "Removed a like from"],
  dislike: ["Disliked", "Removed a dislike from"],
  laugh: ["Laughed at", "Removed a laugh from"],
  emphasis: ["Emphasized", "Removed an exclamation from"],
  question: ["Questioned", "Removed a question mark from"],
};

export function imsgShimPath(): string {
  return fileURLToPath(new URL("bin/imsg", import.meta.url));
}

export class SimDb {
  readonly path: string;
  readonly ownAddress: string;
  private readonly db: DatabaseSync;

  private constructor(path: string, db: DatabaseSync, ownAddress: string) {
    this.path = path;
    this.db = db;
    this.ownAddress = ownAddress;
  }

  /** A fresh database (in a new temporary directory unless `path` is given). */
  static create(options: { path?: string; ownAddress?: string } = {}): SimDb {
    const path = options.path ?? join(mkdtempSync(join(tmpdir(), "imsg-sim-")), "chat.db");
    const db = openChatDb(path, { create: true });
    const ownAddress = options.ownAddress ?? DEFAULT_OWN_ADDRESS;
    setOwnAddress(db, ownAddress);
    return new SimDb(path, db, ownAddress);
  }

  static open(path: string): SimDb {
    const db = openChatDb(path);
    return new SimDb(path, db, readOwnAddress(db) ?? DEFAULT_OWN_ADDRESS);
  }

  /** The DM chat with `handle` (found or created). */
  dm(handle: string, service: ChatService = "iMessage"): SimChat {
    return ensureDirectChat(this.db, handle, service);
  }

  group(options: { participants: string[]; displayName?: string; service?: ChatService }): SimChat {
    return createChat(this.db, {
      service: options.service ?? "iMessage",
      participants: options.participants,
      group: true,
      ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
    });
  }

  injectInbound(message: InboundMessage): InjectedMessage {
    return inWriteTransaction(this.db, () => {
      const chat = this.chatFor(message.chat, message.from, message.service);
      const handleId = this.joinedHandle(chat, message.from);
      const attachments = (message.attachments ?? []).map((item) =>
        typeof item === "string" ? { path: item } : item,
      );
      const text =
        message.text ?? (attachments.length > 0 ? ATTACHMENT_PLACEHOLDER.repeat(attachments.length) : "");
      return insertMessage(this.db, {
        chatId: chat.id,
        handleId,
        isFromMe: false,
        text,
        service: chat.service,
        date: message.date ?? new Date(),
        attachments,
        destinationCallerId:
          message.destinationCallerId === undefined ? this.ownAddress : message.destinationCallerId,
        ...(message.guid === undefined ? {} : { guid: message.guid }),
        ...(message.replyToGuid === undefined ? {} : { threadOriginatorGuid: message.replyToGuid }),
        ...(message.associatedMessageGuid === undefined
          ? {}
          : { associatedMessageGuid: message.associatedMessageGuid }),
      });
    });
  }

  /** A tapback row: `associated_message_guid` is `p:0/<target>`, type 2000–2006 (add) or 3000–3006 (remove). */
  injectReaction(reaction: InboundReaction): InjectedMessage {
    return inWriteTransaction(this.db, () => {
      const target = statement(
        this.db,
        `SELECT IFNULL(m.text, '') AS text, cmj.chat_id AS chat_id FROM message m
         LEFT JOIN chat_message_join cmj ON cmj.message_id = m.ROWID WHERE m.guid = ?`,
      ).get(reaction.targetGuid);
      const targetChat = target?.chat_id;
      const chatRef = reaction.chat ?? (typeof targetChat === "number" ? targetChat : undefined);
      const chat = this.chatFor(chatRef, reaction.from, undefined);
      const quoted = `“${String(target?.text ?? "")}”`;
      const custom = typeof reaction.kind === "object";
      const base = custom ? 2006 : (TAPBACK_CODES[reaction.kind as string] ?? 2000);
      const verbs = custom ? undefined : TAPBACK_VERBS[reaction.kind as string];
      const emoji = typeof reaction.kind === "object" ? reaction.kind.emoji : "";
      const text = verbs
        ? `${reaction.remove ? verbs[1] : verbs[0]} ${quoted}`
        : `${reaction.remove ? "Removed" : "Reacted"} ${emoji} ${reaction.remove ? "from" : "to"} ${quoted}`;
      return insertMessage(this.db, {
        chatId: chat.id,
        handleId: this.joinedHandle(chat, reaction.from),
        isFromMe: false,
        text,
        service: chat.service,
        date: reaction.date ?? new Date(),
        destinationCallerId: this.ownAddress,
        associatedMessageGuid: `p:0/${reaction.targetGuid}`,
        associatedMessageType: base + (reaction.remove ? 1000 : 0),
      });
    });
  }

  /** A message the owner typed on another device into `chat` (an `is_from_me` row). */
  injectFromMe(message: { chat: SimChat | number; text: string; date?: Date }): InjectedMessage {
    return inWriteTransaction(this.db, () => {
      const chat = this.chatFor(message.chat, undefined, undefined);
      return insertMessage(this.db, {
        chatId: chat.id,
        handleId: chat.isGroup ? 0 : ensureHandle(this.db, chat.identifier, chat.service),
        isFromMe: true,
        text: message.text,
        service: chat.service,
        date: message.date ?? new Date(),
        destinationCallerId: this.ownAddress,
      });
    });
  }

  /**
   * The owner texting their own address: Messages writes the sent copy
   * (`is_from_me = 1`) and then a received twin (`is_from_me = 0`), both from our
   * own handle and with our address as `destination_caller_id`.
   */
  injectSelfChat(message: { text: string; date?: Date }): {
    chat: SimChat;
    sent: InjectedMessage;
    received: InjectedMessage;
  } {
    return inWriteTransaction(this.db, () => {
      const chat = ensureDirectChat(this.db, this.ownAddress, "iMessage");
      const handleId = ensureHandle(this.db, this.ownAddress, "iMessage");
      const date = message.date ?? new Date();
      const row = { chatId: chat.id, handleId, text: message.text, service: chat.service };
      const sent = insertMessage(this.db, {
        ...row,
        isFromMe: true,
        date,
        destinationCallerId: this.ownAddress,
      });
      const received = insertMessage(this.db, {
        ...row,
        isFromMe: false,
        date: new Date(date.getTime() + 1),
        destinationCallerId: this.ownAddress,
      });
      return { chat, sent, received };
    });
  }

  /** Every `is_from_me` row after `sinceRowid` (sends by the simulator, owner messages, self-chat copies). */
  sentMessages(options: { sinceRowid?: number; chatId?: number } = {}): SentMessage[] {
    const chatFilter = options.chatId === undefined ? "" : " AND cmj.chat_id = ?";
    const params = [options.sinceRowid ?? 0, ...(options.chatId === undefined ? [] : [options.chatId])];
    const rows = statement(
      this.db,
      `SELECT m.ROWID AS rowid, m.guid AS guid, cmj.chat_id AS chat_id, IFNULL(m.text, '') AS text,
              ${appleMillisSql("m.date")} AS date_ms, IFNULL(h.id, '') AS handle,
              IFNULL(m.destination_caller_id, '') AS caller, IFNULL(m.service, '') AS service
       FROM message m LEFT JOIN chat_message_join cmj ON cmj.message_id = m.ROWID
       LEFT JOIN handle h ON h.ROWID = m.handle_id
       WHERE m.is_from_me = 1 AND m.ROWID > ?${chatFilter} ORDER BY m.ROWID`,
    ).all(...params);
    return rows.map((row) => ({
      rowid: Number(row.rowid),
      guid: String(row.guid),
      chatId: Number(row.chat_id ?? 0),
      text: String(row.text),
      date: fromAppleMillis(row.date_ms as number),
      handle: String(row.handle),
      destinationCallerId: String(row.caller),
      service: String(row.service),
      attachmentPaths: statement(
        this.db,
        `SELECT a.filename AS filename FROM message_attachment_join maj JOIN attachment a ON a.ROWID = maj.attachment_id
         WHERE maj.message_id = ? ORDER BY a.ROWID`,
      )
        .all(Number(row.rowid))
        .map((attachment) => String(attachment.filename)),
    }));
  }

  maxRowid(): number {
    const row = statement(this.db, "SELECT IFNULL(MAX(ROWID), 0) AS max FROM message").get();
    return Number(row?.max ?? 0);
  }

  /** Runs many injections in one transaction (one commit, one wake-up for the watch). */
  batch<T>(work: () => T): T {
    return inWriteTransaction(this.db, work);
  }

  close(): void {
    this.db.close();
  }

  private chatFor(
    chat: SimChat | number | undefined,
    from: string | undefined,
    service: ChatService | undefined,
  ) {
    if (typeof chat === "object") return chat;
    if (typeof chat === "number") {
      const found = chatById(this.db, chat);
      if (!found)
        throw new Error(`no chat with ROWID ${chat} in ${this.path}; create it with dm() or group() first`);
      return found;
    }
    if (from === undefined) throw new Error("a message needs a chat or a sender");
    return ensureDirectChat(this.db, from, service ?? "iMessage");
  }

  /** The sender's handle, joined to the chat if Messages had not seen them there yet. */
  private joinedHandle(chat: SimChat, from: string): number {
    const handleId = ensureHandle(this.db, from, chat.service);
    statement(this.db, "INSERT OR IGNORE INTO chat_handle_join (chat_id, handle_id) VALUES (?, ?)").run(
      chat.id,
      handleId,
    );
    return handleId;
  }
}
