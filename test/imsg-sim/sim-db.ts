/**
 * Plays Messages.app for tests, benchmarks and the demo: makes a fresh
 * `chat.db`, creates chats, writes inbound messages, tapbacks and self-chat
 * rows exactly as Messages would, moves rows through their later states
 * (read, delivered, failed), and reads back what the gateway sent and what
 * the simulator answered. Point the simulator at `simDb.path`
 * (`imsg rpc --db <path>`), spawning `imsgShimPath()`.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import { fileURLToPath } from "node:url";
import {
  type ChatRow,
  type ChatService,
  createChat,
  ensureDirectChat,
  ensureHandle,
  insertMessage,
  inWriteTransaction,
  openChatDb,
  readOwnAddress,
  setOwnAddress,
} from "./chat-db-writer.ts";
import { setContactName } from "./contacts.ts";
import {
  chatFor,
  type InboundMessage,
  type InboundReaction,
  writeInbound,
  writeReaction,
} from "./inbound-rows.ts";
import {
  markDelivered,
  markFailed,
  markInboundRead,
  markReadByRecipient,
  NOT_DELIVERED_ERROR,
} from "./message-state-writer.ts";
import { readSentMessages, type SentMessage } from "./sent-messages.ts";
import {
  type ActionRecord,
  actionsLogPath,
  type InvalidParamsRecord,
  invalidParamsLogPath,
  readRecords,
} from "./sim-records.ts";
import { statement } from "./statement-cache.ts";

export type { AttachmentInput, ChatService } from "./chat-db-writer.ts";
export { type FaultConfig, writeFaultControl } from "./faults.ts";
export type { InboundMessage, InboundReaction, TapbackKind } from "./inbound-rows.ts";
export type { SentMessage } from "./sent-messages.ts";
export type { ActionRecord, InvalidParamsRecord } from "./sim-records.ts";
export { URL_PREVIEW_BUNDLE_ID } from "./url-preview-folding.ts";

export type SimChat = ChatRow;

/** Every database this process created or opened, so a suite can check what the simulator refused. */
const openedDatabases = new Set<string>();

/**
 * The params a simulator refused (-32602) on any database this process used:
 * imsg refuses every key it does not document, so each one is a bug in Pinch.
 */
export function invalidParamsOnOpenedDatabases(): string[] {
  return [...openedDatabases].flatMap((path) =>
    readRecords<InvalidParamsRecord>(invalidParamsLogPath(path)).map(
      (record) => `${record.method}: ${record.detail}`,
    ),
  );
}

export interface InjectedMessage {
  rowid: number;
  guid: string;
  chatId: number;
}

/** Our own address in a fresh database (a number from the 555-01xx range reserved for fiction). */
export const DEFAULT_OWN_ADDRESS = "+15550100000";

/** Spawn environment for the simulator as imsg 0.9 (the default is imsg 0.15, protocol 1). */
export const LEGACY_IMSG_ENV = { IMSG_SIM_PROTOCOL: "legacy" } as const;
/** An imsg from before `rpc` (0.2.x), as a user who never upgraded still has it. */
export const BEFORE_RPC_IMSG_ENV = { IMSG_SIM_NO_RPC: "1" } as const;

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
    openedDatabases.add(path);
    return new SimDb(path, db, ownAddress);
  }

  static open(path: string): SimDb {
    const db = openChatDb(path);
    openedDatabases.add(path);
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

  /** What Contacts calls `handle`: imsg 0.15 reports it as `sender_name` and a DM's `contact_name`. */
  setContactName(handle: string, name: string): void {
    setContactName(this.db, handle, name);
  }

  injectInbound(message: InboundMessage): InjectedMessage {
    return inWriteTransaction(this.db, () => writeInbound(this.db, this.ownAddress, message));
  }

  injectReaction(reaction: InboundReaction): InjectedMessage {
    return inWriteTransaction(this.db, () => writeReaction(this.db, this.ownAddress, reaction));
  }

  /** A message the owner typed on another device into `chat` (an `is_from_me` row). */
  injectFromMe(message: { chat: SimChat | number; text: string; date?: Date }): InjectedMessage {
    return inWriteTransaction(this.db, () => {
      const chat = chatFor(this.db, message.chat, undefined, undefined);
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

  /** An inbound message read on this Mac: `is_read` and `date_read`, as imsg 0.15 reports them. */
  markRead(guid: string, at: Date = new Date()): void {
    markInboundRead(this.db, guid, at);
  }

  /** A sent message delivered: `message.send_status` says `delivered`. */
  markDelivered(guid: string, at: Date = new Date()): void {
    markDelivered(this.db, guid, at);
  }

  /** A sent message read by its recipient: delivered, with `date_read`. */
  markReadByRecipient(guid: string, at: Date = new Date()): void {
    markReadByRecipient(this.db, guid, at);
  }

  /** A sent message that failed (Messages' error 22, "not delivered", unless another code is given). */
  markFailed(guid: string, error: number = NOT_DELIVERED_ERROR): void {
    markFailed(this.db, guid, error);
  }

  /** Every `is_from_me` row after `sinceRowid` (sends by the simulator, owner messages, self-chat copies). */
  sentMessages(options: { sinceRowid?: number; chatId?: number } = {}): SentMessage[] {
    return readSentMessages(this.db, options);
  }

  /** Every -32602 a simulator on this database answered, oldest first. */
  invalidParamsAnswered(): InvalidParamsRecord[] {
    return readRecords(invalidParamsLogPath(this.path));
  }

  /** Every `typing` and `read` call a simulator on this database accepted, oldest first. */
  actions(): ActionRecord[] {
    return readRecords(actionsLogPath(this.path));
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
}
