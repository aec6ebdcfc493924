/**
 * The one place that writes rows into a simulated `chat.db`, the way
 * Messages.app does: the test helper (inbound messages, chats) and the
 * simulator's `send` both go through here, so an echo of our own send looks
 * exactly like a row Messages would have written.
 */
import { randomInt, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { type AttachmentInput, insertAttachment } from "./attachment-rows.ts";
import { CHAT_DB_SCHEMA, SIM_ACCOUNT_TABLE, toAppleNanos } from "./chat-db-schema.ts";
import { statement } from "./statement-cache.ts";

export type { AttachmentInput } from "./attachment-rows.ts";

export type ChatService = "iMessage" | "SMS";

/** Messages' `chat.style`: 43 for groups, 45 for one-to-one chats. */
const GROUP_STYLE = 43;
const DIRECT_STYLE = 45;

/** Writers from several processes (tests, the simulator's sends) wait rather than fail. */
export const BUSY_TIMEOUT_MS = 10_000;

export function openChatDb(
  path: string,
  options: { create?: boolean; readOnly?: boolean } = {},
): DatabaseSync {
  const isNew = !existsSync(path);
  if (isNew && !options.create) {
    throw new Error(`unable to open database file: ${path} does not exist`);
  }
  const db = new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS, readOnly: options.readOnly ?? false });
  if (!options.readOnly) {
    db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
  }
  if (isNew) db.exec(CHAT_DB_SCHEMA);
  return db;
}

/** Runs `work` in one write transaction (or inside the caller's), so a reader never sees half a message. */
export function inWriteTransaction<T>(db: DatabaseSync, work: () => T): T {
  if (db.isTransaction) return work();
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = work();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
}

export function newMessageGuid(): string {
  return randomUUID().toUpperCase();
}

export function setOwnAddress(db: DatabaseSync, address: string): void {
  statement(db, `DELETE FROM ${SIM_ACCOUNT_TABLE}`).run();
  statement(db, `INSERT INTO ${SIM_ACCOUNT_TABLE} (address) VALUES (?)`).run(address);
}

export function readOwnAddress(db: DatabaseSync): string | undefined {
  try {
    const row = statement(db, `SELECT address FROM ${SIM_ACCOUNT_TABLE} LIMIT 1`).get();
    return typeof row?.address === "string" ? row.address : undefined;
  } catch {
    // A database made by something other than the simulator has no account table.
    return undefined;
  }
}

/** Messages' account strings carry a kind prefix: `e:` for email, `p:` for phone. */
function accountName(address: string, upper: boolean): string {
  const prefix = address.includes("@") ? "e:" : "p:";
  return (upper ? prefix.toUpperCase() : prefix) + address;
}

export function ensureHandle(db: DatabaseSync, id: string, service: ChatService): number {
  const found = statement(db, "SELECT ROWID AS rowid FROM handle WHERE id = ? AND service = ?").get(
    id,
    service,
  );
  if (found) return Number(found.rowid);
  const inserted = statement(
    db,
    "INSERT INTO handle (id, country, service, uncanonicalized_id, person_centric_id) VALUES (?, 'us', ?, NULL, NULL)",
  ).run(id, service);
  return Number(inserted.lastInsertRowid);
}

export interface ChatRow {
  id: number;
  guid: string;
  identifier: string;
  service: ChatService;
  isGroup: boolean;
}

export interface NewChat {
  service: ChatService;
  participants: string[];
  group: boolean;
  displayName?: string;
  /** Defaults: the handle for a DM, `chat` plus 18 digits for a group. */
  identifier?: string;
  /** Defaults to `<service>;-;<identifier>` or `<service>;+;<identifier>`. */
  guid?: string;
}

export function createChat(db: DatabaseSync, chat: NewChat): ChatRow {
  const firstParticipant = chat.participants[0];
  if (!chat.group && (chat.participants.length !== 1 || firstParticipant === undefined)) {
    throw new Error(`a direct chat needs exactly one participant, got ${chat.participants.length}`);
  }
  const identifier = chat.identifier ?? (chat.group ? groupIdentifier() : (firstParticipant ?? ""));
  const guid = chat.guid ?? `${chat.service};${chat.group ? "+" : "-"};${identifier}`;
  const own = readOwnAddress(db);
  return inWriteTransaction(db, () => {
    const inserted = statement(
      db,
      `INSERT INTO chat (guid, style, state, account_id, chat_identifier, service_name, room_name,
                         account_login, last_addressed_handle, display_name, group_id, successful_query)
       VALUES (?, ?, 3, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    ).run(
      guid,
      chat.group ? GROUP_STYLE : DIRECT_STYLE,
      randomUUID().toUpperCase(),
      identifier,
      chat.service,
      chat.group ? identifier : null,
      own ? accountName(own, true) : null,
      own ?? null,
      chat.displayName ?? null,
      randomUUID().toUpperCase(),
    );
    const chatId = Number(inserted.lastInsertRowid);
    for (const participant of chat.participants) {
      const handleId = ensureHandle(db, participant, chat.service);
      statement(db, "INSERT OR IGNORE INTO chat_handle_join (chat_id, handle_id) VALUES (?, ?)").run(
        chatId,
        handleId,
      );
    }
    return { id: chatId, guid, identifier, service: chat.service, isGroup: chat.group };
  });
}

function groupIdentifier(): string {
  let digits = "";
  for (let i = 0; i < 18; i += 1) digits += String(randomInt(10));
  return `chat${digits}`;
}

/** Finds a chat whose identifier or guid is one of `candidates`, in candidate order. */
export function findChat(db: DatabaseSync, candidates: string[]): ChatRow | undefined {
  for (const candidate of candidates) {
    const row = statement(
      db,
      `SELECT ROWID AS id, guid, chat_identifier AS identifier, service_name AS service
       FROM chat WHERE guid = ? OR chat_identifier = ? ORDER BY (guid = ?) DESC, ROWID LIMIT 1`,
    ).get(candidate, candidate, candidate);
    if (row) return chatRowFrom(row);
  }
  return undefined;
}

export function chatById(db: DatabaseSync, chatId: number): ChatRow | undefined {
  const row = statement(
    db,
    "SELECT ROWID AS id, guid, chat_identifier AS identifier, service_name AS service FROM chat WHERE ROWID = ?",
  ).get(chatId);
  return row ? chatRowFrom(row) : undefined;
}

function chatRowFrom(row: Record<string, unknown>): ChatRow {
  const guid = String(row.guid ?? "");
  const identifier = String(row.identifier ?? "");
  return {
    id: Number(row.id),
    guid,
    identifier,
    service: row.service === "SMS" ? "SMS" : "iMessage",
    isGroup: guid.includes(";+;") || identifier.includes(";+;"),
  };
}

/**
 * The DM chat Messages uses for `handle` on `service`, created on first use.
 * macOS 26 may file a DM under `any;-;<handle>`; an existing one is reused for iMessage.
 */
export function ensureDirectChat(db: DatabaseSync, handle: string, service: ChatService): ChatRow {
  const candidates = service === "SMS" ? [`SMS;-;${handle}`] : [`iMessage;-;${handle}`, `any;-;${handle}`];
  return findChat(db, candidates) ?? createChat(db, { service, participants: [handle], group: false });
}

export interface MessageRowInput {
  chatId: number;
  /** `handle.ROWID` of the other party; 0 for our own messages in groups. */
  handleId: number;
  isFromMe: boolean;
  text: string | null;
  service: ChatService;
  date: Date;
  guid?: string;
  destinationCallerId?: string | null;
  associatedMessageGuid?: string;
  associatedMessageType?: number;
  threadOriginatorGuid?: string;
  /** Messages' own `reply_to_guid` column, which imsg 0.15 reads first. */
  replyToGuid?: string;
  attachments?: AttachmentInput[];
  /** `com.apple.messages.URLBalloonProvider` for a link preview row. */
  balloonBundleId?: string;
  isAudioMessage?: boolean;
  /** An outgoing row Messages has sent but not yet seen delivered (`is_delivered = 0`). */
  awaitingDelivery?: boolean;
  /** A row in no chat (macOS 26's "ghost row"): no `chat_message_join`. */
  unjoined?: boolean;
}

export interface WrittenMessage {
  rowid: number;
  guid: string;
  chatId: number;
}

/** U+FFFC OBJECT REPLACEMENT CHARACTER: what Messages puts in `text` for an attachment-only message. */
export const ATTACHMENT_PLACEHOLDER = "\uFFFC";

export function insertMessage(db: DatabaseSync, input: MessageRowInput): WrittenMessage {
  const guid = input.guid ?? newMessageGuid();
  const nanos = toAppleNanos(input.date);
  const attachments = input.attachments ?? [];
  return inWriteTransaction(db, () => {
    const inserted = statement(
      db,
      `INSERT INTO message (guid, text, handle_id, service, account, account_guid, date, date_read, date_delivered,
                            is_delivered, is_finished, is_from_me, is_read, is_sent, cache_has_attachments,
                            associated_message_guid, associated_message_type, destination_caller_id,
                            thread_originator_guid, thread_originator_part, part_count, reply_to_guid,
                            balloon_bundle_id, is_audio_message)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?, 1, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      guid,
      input.text,
      input.handleId,
      input.service,
      input.destinationCallerId ? accountName(input.destinationCallerId, false) : null,
      input.destinationCallerId ? randomUUID().toUpperCase() : null,
      nanos,
      input.awaitingDelivery ? 0 : 1,
      input.isFromMe ? 1 : 0,
      input.isFromMe ? 1 : 0,
      attachments.length > 0 ? 1 : 0,
      input.associatedMessageGuid ?? null,
      input.associatedMessageType ?? 0,
      input.destinationCallerId ?? null,
      input.threadOriginatorGuid ?? null,
      input.threadOriginatorGuid ? "0:0:1" : null,
      Math.max(1, attachments.length),
      input.replyToGuid ?? null,
      input.balloonBundleId ?? null,
      input.isAudioMessage ? 1 : 0,
    );
    const rowid = Number(inserted.lastInsertRowid);
    if (!input.unjoined) {
      statement(db, "INSERT INTO chat_message_join (chat_id, message_id, message_date) VALUES (?, ?, ?)").run(
        input.chatId,
        rowid,
        nanos,
      );
    }
    for (const attachment of attachments) {
      const attachmentId = insertAttachment(db, attachment, nanos, input.isFromMe);
      statement(db, "INSERT INTO message_attachment_join (message_id, attachment_id) VALUES (?, ?)").run(
        rowid,
        attachmentId,
      );
    }
    return { rowid, guid, chatId: input.chatId };
  });
}
