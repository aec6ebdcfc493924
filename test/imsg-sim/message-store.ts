/**
 * Read side of the simulator: the queries imsg runs against `chat.db`, with
 * its schema detection (optional columns read as NULL when a database lacks
 * them), so a copied real database works as well as one we made.
 */
import type { DatabaseSync } from "node:sqlite";
import { appleMillisSql, fromAppleMillis, toAppleNanos } from "./chat-db-schema.ts";
import { statement } from "./chat-db-writer.ts";

export interface ChatSummary {
  id: number;
  identifier: string;
  name: string;
  service: string;
  lastMessageAt: Date;
}

export interface ChatInfo {
  id: number;
  identifier: string;
  guid: string;
  /** `display_name`, falling back to the identifier, as imsg reads it. */
  name: string;
  service: string;
}

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

/** Tapback rows: 2000–2006 add a reaction, 3000–3006 remove one. */
export const REACTION_TYPE_MIN = 2000;
export const REACTION_TYPE_MAX = 3006;
const NOT_A_REACTION = `(m.associated_message_type IS NULL OR m.associated_message_type < ${REACTION_TYPE_MIN} OR m.associated_message_type > ${REACTION_TYPE_MAX})`;

interface SchemaFlags {
  reactionColumns: boolean;
  threadOriginator: boolean;
  destinationCallerId: boolean;
  joinMessageDate: boolean;
}

export class MessageStore {
  readonly db: DatabaseSync;
  private readonly schema: SchemaFlags;
  private readonly selectList: string;

  constructor(db: DatabaseSync) {
    this.db = db;
    const messageColumns = tableColumns(db, "message");
    this.schema = {
      reactionColumns: ["guid", "associated_message_guid", "associated_message_type"].every((c) =>
        messageColumns.has(c),
      ),
      threadOriginator: messageColumns.has("thread_originator_guid"),
      destinationCallerId: messageColumns.has("destination_caller_id"),
      joinMessageDate: tableColumns(db, "chat_message_join").has("message_date"),
    };
    const optional = (present: boolean, column: string) => (present ? column : "NULL");
    this.selectList = `m.ROWID AS rowid, cmj.chat_id AS chat_id, h.id AS sender, IFNULL(m.text, '') AS text,
      ${appleMillisSql("m.date")} AS date_ms, m.is_from_me AS is_from_me, m.service AS service,
      ${optional(this.schema.destinationCallerId, "m.destination_caller_id")} AS destination_caller_id,
      ${optional(this.schema.reactionColumns, "m.guid")} AS guid,
      ${optional(this.schema.reactionColumns, "m.associated_message_guid")} AS associated_guid,
      ${optional(this.schema.reactionColumns, "m.associated_message_type")} AS associated_type,
      (SELECT COUNT(*) FROM message_attachment_join maj WHERE maj.message_id = m.ROWID) AS attachment_count,
      ${optional(this.schema.threadOriginator, "m.thread_originator_guid")} AS thread_originator_guid`;
  }

  get hasReactionColumns(): boolean {
    return this.schema.reactionColumns;
  }

  maxRowId(): number {
    const row = statement(this.db, "SELECT MAX(ROWID) AS max FROM message").get();
    return Number(row?.max ?? 0);
  }

  /** Chats with at least one message, most recent activity first (chats without messages are not listed). */
  listChats(limit: number): ChatSummary[] {
    const lastDate = this.schema.joinMessageDate ? "MAX(cmj.message_date)" : "MAX(m.date)";
    const messageJoin = this.schema.joinMessageDate ? "" : "JOIN message m ON m.ROWID = cmj.message_id";
    const rows = statement(
      this.db,
      `SELECT c.ROWID AS id, IFNULL(c.display_name, c.chat_identifier) AS name, c.chat_identifier AS identifier,
              c.service_name AS service, ${appleMillisSql(lastDate)} AS last_ms
       FROM chat c JOIN chat_message_join cmj ON c.ROWID = cmj.chat_id ${messageJoin}
       GROUP BY c.ROWID ORDER BY ${lastDate} DESC, c.ROWID DESC LIMIT ?`,
    ).all(limit);
    return rows.map((row) => ({
      id: Number(row.id),
      identifier: text(row.identifier),
      name: text(row.name),
      service: text(row.service),
      lastMessageAt: fromAppleMillis(row.last_ms as number | null),
    }));
  }

  chatInfo(chatId: number): ChatInfo | undefined {
    const row = statement(
      this.db,
      `SELECT c.ROWID AS id, IFNULL(c.chat_identifier, '') AS identifier, IFNULL(c.guid, '') AS guid,
              IFNULL(c.display_name, c.chat_identifier) AS name, IFNULL(c.service_name, '') AS service
       FROM chat c WHERE c.ROWID = ? LIMIT 1`,
    ).get(chatId);
    if (!row) return undefined;
    return {
      id: Number(row.id),
      identifier: text(row.identifier),
      guid: text(row.guid),
      name: text(row.name),
      service: text(row.service),
    };
  }

  participants(chatId: number): string[] {
    const rows = statement(
      this.db,
      `SELECT h.id AS id FROM chat_handle_join chj JOIN handle h ON h.ROWID = chj.handle_id
       WHERE chj.chat_id = ? ORDER BY h.id ASC`,
    ).all(chatId);
    return [...new Set(rows.map((row) => text(row.id)).filter((id) => id !== ""))];
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

  /** Every tapback row aimed at a message (`associated_message_guid` is `p:N/<guid>` or the bare guid). */
  reactionRows(messageRowId: number): ReactionRow[] {
    if (!this.schema.reactionColumns) return [];
    return statement(
      this.db,
      `SELECT r.ROWID AS rowid, r.associated_message_type AS type, h.id AS sender, r.is_from_me AS is_from_me,
              ${appleMillisSql("r.date")} AS date_ms, IFNULL(r.text, '') AS text
       FROM message m
       JOIN message r ON r.associated_message_guid = m.guid OR r.associated_message_guid LIKE '%/' || m.guid
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
    };
  }
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function tableColumns(db: DatabaseSync, table: string): Set<string> {
  try {
    const rows = db.prepare(`PRAGMA table_info(${table})`).all();
    return new Set(rows.map((row) => String(row.name).toLowerCase()));
  } catch {
    return new Set();
  }
}
