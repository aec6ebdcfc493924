/**
 * Read side of the simulator: the queries imsg runs against `chat.db`, with
 * its schema detection (optional columns read as NULL when a database lacks
 * them), so a copied real database works as well as one we made.
 */
import type { DatabaseSync } from "node:sqlite";
import { appleMillisSql, fromAppleMillis, toAppleNanos } from "./chat-db-schema.ts";
import { ChatStore } from "./chat-store.ts";
import { statement } from "./statement-cache.ts";
import {
  detectSchema,
  NOT_A_REACTION,
  REACTION_TYPE_MAX,
  REACTION_TYPE_MIN,
  type SchemaFlags,
  text,
} from "./store-schema.ts";
import { transcriptFrom } from "./voice-memo.ts";

/** The forms Messages writes a tapback's target in: the guid, `bp:`, and `p:N/` for each part of a message. */
const TAPBACK_TARGETS = [
  "m.guid",
  "'bp:' || m.guid",
  ...Array.from({ length: 10 }, (_, part) => `'p:${part}/' || m.guid`),
].join(", ");

export interface MessageRecord {
  rowid: number;
  chatId: number;
  sender: string;
  text: string;
  date: Date;
  isFromMe: boolean;
  service: string;
  destinationCallerId: string;
  guid: string;
  associatedGuid: string;
  associatedType: number | undefined;
  attachmentCount: number;
  threadOriginatorGuid: string;
  threadOriginatorPart: string;
  /** Messages' own `reply_to_guid` column. */
  replyToGuid: string;
  handleId: number;
  balloonBundleId: string;
  /** Inbound rows only, when the database keeps read state. */
  isRead: boolean | undefined;
  dateRead: Date | undefined;
  /** Apple's transcript, for a voice memo that has one. */
  transcript: string | undefined;
  /** The link preview row folded into this text row (protocol 1). */
  urlPreview?: UrlPreview;
}

export interface UrlPreview {
  rowid: number;
  guid: string;
  balloonBundleId: string;
  date: Date;
}

export interface AttachmentRecord {
  filename: string;
  transferName: string;
  uti: string;
  mimeType: string;
  totalBytes: number;
  isSticker: boolean;
}

export interface ReactionRow {
  rowid: number;
  associatedType: number;
  sender: string;
  isFromMe: boolean;
  date: Date;
  text: string;
}

export interface HistoryFilter {
  participants: string[];
  start?: Date;
  end?: Date;
}

export class MessageStore {
  readonly db: DatabaseSync;
  readonly chats: ChatStore;
  private readonly schema: SchemaFlags;
  private readonly selectList: string;

  constructor(db: DatabaseSync) {
    this.db = db;
    this.schema = detectSchema(db);
    this.chats = new ChatStore(db, this.schema);
    const optional = (present: boolean, column: string) => (present ? column : "NULL");
    this.selectList = `m.ROWID AS rowid, cmj.chat_id AS chat_id, h.id AS sender, IFNULL(m.text, '') AS text,
      ${appleMillisSql("m.date")} AS date_ms, m.is_from_me AS is_from_me, m.service AS service,
      ${optional(this.schema.destinationCallerId, "m.destination_caller_id")} AS destination_caller_id,
      ${optional(this.schema.reactionColumns, "m.guid")} AS guid,
      ${optional(this.schema.reactionColumns, "m.associated_message_guid")} AS associated_guid,
      ${optional(this.schema.reactionColumns, "m.associated_message_type")} AS associated_type,
      (SELECT COUNT(*) FROM message_attachment_join maj WHERE maj.message_id = m.ROWID) AS attachment_count,
      ${optional(this.schema.threadOriginator, "m.thread_originator_guid")} AS thread_originator_guid,
      ${optional(this.schema.threadOriginatorPart, "m.thread_originator_part")} AS thread_originator_part,
      ${optional(this.schema.replyToGuid, "m.reply_to_guid")} AS reply_to_guid, m.handle_id AS handle_id,
      ${optional(this.schema.balloonBundleId, "m.balloon_bundle_id")} AS balloon_bundle_id,
      ${optional(this.schema.readState, "m.is_read")} AS is_read,
      ${optional(this.schema.readState, appleMillisSql("m.date_read"))} AS date_read_ms,
      ${optional(this.schema.audioMessage, "m.is_audio_message")} AS is_audio_message`;
  }

  get features(): SchemaFlags {
    return this.schema;
  }

  maxRowId(): number {
    const row = statement(this.db, "SELECT MAX(ROWID) AS max FROM message").get();
    return Number(row?.max ?? 0);
  }

  /** The watch query: rows after `afterRowId`, oldest first. */
  messagesAfter(
    afterRowId: number,
    chatId: number | undefined,
    limit: number,
    includeReactions: boolean,
  ): MessageRecord[] {
    const reactionFilter = includeReactions || !this.schema.reactionColumns ? "" : ` AND ${NOT_A_REACTION}`;
    const chatFilter = chatId === undefined ? "" : " AND cmj.chat_id = ?";
    const sql = `SELECT ${this.selectList}
      FROM message m LEFT JOIN chat_message_join cmj ON m.ROWID = cmj.message_id
      LEFT JOIN handle h ON m.handle_id = h.ROWID
      WHERE m.ROWID > ?${reactionFilter}${chatFilter} ORDER BY m.ROWID ASC LIMIT ?`;
    const params = chatId === undefined ? [afterRowId, limit] : [afterRowId, chatId, limit];
    return statement(this.db, sql)
      .all(...params)
      .map((row) => this.decode(row, chatId));
  }

  /** The history query: one chat, newest first, reaction rows hidden. */
  history(chatId: number, limit: number, filter: HistoryFilter): MessageRecord[] {
    let sql = `SELECT ${this.selectList}
      FROM message m JOIN chat_message_join cmj ON m.ROWID = cmj.message_id
      LEFT JOIN handle h ON m.handle_id = h.ROWID
      WHERE cmj.chat_id = ?${this.schema.reactionColumns ? ` AND ${NOT_A_REACTION}` : ""}`;
    const params: (number | bigint | string)[] = [chatId];
    if (filter.start) {
      sql += " AND m.date >= ?";
      params.push(toAppleNanos(filter.start));
    }
    if (filter.end) {
      sql += " AND m.date < ?";
      params.push(toAppleNanos(filter.end));
    }
    if (filter.participants.length > 0) {
      const callerColumn = this.schema.destinationCallerId ? "m.destination_caller_id" : "NULL";
      sql += ` AND COALESCE(NULLIF(h.id, ''), ${callerColumn}) COLLATE NOCASE IN (${filter.participants.map(() => "?").join(",")})`;
      params.push(...filter.participants);
    }
    // Ties on date break by rowid so equal timestamps come back in a stable order.
    sql += " ORDER BY m.date DESC, m.ROWID DESC LIMIT ?";
    params.push(limit);
    return statement(this.db, sql)
      .all(...params)
      .map((row) => this.decode(row, chatId));
  }

  attachments(messageRowId: number): AttachmentRecord[] {
    return statement(
      this.db,
      `SELECT a.filename AS filename, a.transfer_name AS transfer_name, a.uti AS uti, a.mime_type AS mime_type,
              a.total_bytes AS total_bytes, a.is_sticker AS is_sticker
       FROM message_attachment_join maj JOIN attachment a ON a.ROWID = maj.attachment_id
       WHERE maj.message_id = ? ORDER BY a.ROWID`,
    )
      .all(messageRowId)
      .map((row) => ({
        filename: text(row.filename),
        transferName: text(row.transfer_name),
        uti: text(row.uti),
        mimeType: text(row.mime_type),
        totalBytes: Number(row.total_bytes ?? 0),
        isSticker: Boolean(row.is_sticker),
      }));
  }

  /**
   * Every tapback row aimed at a message (`associated_message_guid` is `p:N/<guid>`, `bp:<guid>` or the
   * bare guid). Each form is looked up through the index, as imsg's own batched lookup is: a pattern
   * match would scan the whole table for every message of a page.
   */
  reactionRows(messageRowId: number): ReactionRow[] {
    if (!this.schema.reactionColumns) return [];
    return statement(
      this.db,
      `SELECT r.ROWID AS rowid, r.associated_message_type AS type, h.id AS sender, r.is_from_me AS is_from_me,
              ${appleMillisSql("r.date")} AS date_ms, IFNULL(r.text, '') AS text
       FROM message m
       JOIN message r ON r.associated_message_guid IN (${TAPBACK_TARGETS})
       LEFT JOIN handle h ON r.handle_id = h.ROWID
       WHERE m.ROWID = ? AND m.guid IS NOT NULL AND m.guid != ''
         AND r.associated_message_type >= ${REACTION_TYPE_MIN} AND r.associated_message_type <= ${REACTION_TYPE_MAX}
       ORDER BY r.date ASC, r.ROWID ASC`,
    )
      .all(messageRowId)
      .map((row) => ({
        rowid: Number(row.rowid),
        associatedType: Number(row.type),
        sender: text(row.sender),
        isFromMe: Boolean(row.is_from_me),
        date: fromAppleMillis(row.date_ms as number | null),
        text: text(row.text),
      }));
  }

  /** The nearest earlier non-reaction row of the same chat: the text a link preview row may belong to. */
  precedingRow(record: MessageRecord): MessageRecord | undefined {
    const reactionFilter = this.schema.reactionColumns ? ` AND ${NOT_A_REACTION}` : "";
    const row = statement(
      this.db,
      `SELECT ${this.selectList} FROM message m JOIN chat_message_join cmj ON m.ROWID = cmj.message_id
       LEFT JOIN handle h ON m.handle_id = h.ROWID
       WHERE cmj.chat_id = ? AND m.ROWID < ?${reactionFilter} ORDER BY m.ROWID DESC LIMIT 1`,
    ).get(record.chatId, record.rowid);
    return row ? this.decode(row, record.chatId) : undefined;
  }

  /** The text and sender of the message a reply points at, when it is still in the database. */
  replyParent(guid: string): { text: string; sender: string } | undefined {
    if (guid === "" || !this.schema.reactionColumns) return undefined;
    const row = statement(
      this.db,
      `SELECT ${this.selectList} FROM message m LEFT JOIN chat_message_join cmj ON m.ROWID = cmj.message_id
       LEFT JOIN handle h ON m.handle_id = h.ROWID WHERE m.guid = ? LIMIT 1`,
    ).get(guid);
    if (!row) return undefined;
    const parent = this.decode(row, undefined);
    return { text: parent.text, sender: parent.sender };
  }

  private decode(row: Record<string, unknown>, fallbackChatId: number | undefined): MessageRecord {
    const destinationCallerId = text(row.destination_caller_id);
    const handle = text(row.sender);
    return {
      rowid: Number(row.rowid),
      chatId: row.chat_id === null || row.chat_id === undefined ? (fallbackChatId ?? 0) : Number(row.chat_id),
      // imsg falls back to our own address when a row has no handle (our sends into groups).
      sender: handle === "" ? destinationCallerId : handle,
      text: text(row.text),
      date: fromAppleMillis(row.date_ms as number | null),
      isFromMe: Boolean(row.is_from_me),
      service: text(row.service),
      destinationCallerId,
      guid: text(row.guid),
      associatedGuid: text(row.associated_guid),
      associatedType: row.associated_type === null ? undefined : Number(row.associated_type),
      attachmentCount: Number(row.attachment_count ?? 0),
      threadOriginatorGuid: text(row.thread_originator_guid),
      threadOriginatorPart: text(row.thread_originator_part),
      replyToGuid: text(row.reply_to_guid),
      handleId: Number(row.handle_id ?? 0),
      balloonBundleId: text(row.balloon_bundle_id),
      ...readState(row),
      transcript: row.is_audio_message ? this.transcript(Number(row.rowid)) : undefined,
    };
  }

  private transcript(messageRowId: number): string | undefined {
    if (!this.schema.attachmentUserInfo) return undefined;
    const rows = statement(
      this.db,
      `SELECT a.user_info AS user_info FROM message_attachment_join maj JOIN attachment a ON a.ROWID = maj.attachment_id
       WHERE maj.message_id = ? ORDER BY a.ROWID`,
    ).all(messageRowId);
    for (const row of rows) {
      const found = transcriptFrom(row.user_info as Uint8Array | null);
      if (found) return found;
    }
    return undefined;
  }
}

/** Read state is reported for inbound rows only; `date_read` only once read. */
function readState(row: Record<string, unknown>): {
  isRead: boolean | undefined;
  dateRead: Date | undefined;
} {
  if (row.is_from_me || row.is_read === null || row.is_read === undefined) {
    return { isRead: undefined, dateRead: undefined };
  }
  const isRead = Boolean(row.is_read);
  const readMs = row.date_read_ms as number | null;
  return { isRead, dateRead: isRead && readMs !== null && readMs > 0 ? fromAppleMillis(readMs) : undefined };
}
