/**
 * The chat queries imsg runs: the chat list (newest activity first, with
 * unread counts where the database keeps read state), one chat's identity,
 * and its participants.
 */
import type { DatabaseSync } from "node:sqlite";
import { appleMillisSql, fromAppleMillis } from "./chat-db-schema.ts";
import { statement } from "./statement-cache.ts";
import { NOT_A_REACTION, type SchemaFlags, text } from "./store-schema.ts";

export interface ChatSummary {
  id: number;
  identifier: string;
  name: string;
  service: string;
  lastMessageAt: Date;
  /** Inbound messages not yet read; undefined when the database has no read state. */
  unreadCount: number | undefined;
}

export interface ChatInfo {
  id: number;
  identifier: string;
  guid: string;
  /** `display_name`, falling back to the identifier, as imsg reads it. */
  name: string;
  service: string;
}

export class ChatStore {
  private readonly db: DatabaseSync;
  private readonly schema: SchemaFlags;

  constructor(db: DatabaseSync, schema: SchemaFlags) {
    this.db = db;
    this.schema = schema;
  }

  /** Chats with at least one message, most recent activity first (chats without messages are not listed). */
  list(limit: number, unreadOnly = false): ChatSummary[] {
    const lastDate = this.schema.joinMessageDate ? "MAX(cmj.message_date)" : "MAX(m.date)";
    const messageJoin = this.schema.joinMessageDate ? "" : "JOIN message m ON m.ROWID = cmj.message_id";
    const unread = this.schema.readState
      ? `(SELECT COUNT(*) FROM chat_message_join uj JOIN message u ON u.ROWID = uj.message_id
          WHERE uj.chat_id = c.ROWID AND u.is_from_me = 0 AND u.is_read = 0
            AND ${NOT_A_REACTION.replaceAll("m.", "u.")})`
      : "NULL";
    const rows = statement(
      this.db,
      `SELECT c.ROWID AS id, IFNULL(c.display_name, c.chat_identifier) AS name, c.chat_identifier AS identifier,
              c.service_name AS service, ${appleMillisSql(lastDate)} AS last_ms, ${unread} AS unread
       FROM chat c JOIN chat_message_join cmj ON c.ROWID = cmj.chat_id ${messageJoin}
       GROUP BY c.ROWID ${unreadOnly ? "HAVING unread > 0" : ""}
       ORDER BY ${lastDate} DESC, c.ROWID DESC LIMIT ?`,
    ).all(limit);
    return rows.map((row) => ({
      id: Number(row.id),
      identifier: text(row.identifier),
      name: text(row.name),
      service: text(row.service),
      lastMessageAt: fromAppleMillis(row.last_ms as number | null),
      unreadCount: row.unread === null ? undefined : Number(row.unread),
    }));
  }

  info(chatId: number): ChatInfo | undefined {
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
}
