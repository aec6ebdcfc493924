/** Reading back what went out: every `is_from_me` row, as a test checks the gateway's sends. */
import type { DatabaseSync } from "node:sqlite";
import { appleMillisSql, fromAppleMillis } from "./chat-db-schema.ts";
import { statement } from "./statement-cache.ts";

export interface SentMessage {
  rowid: number;
  guid: string;
  /** 0 for a row in no chat (macOS 26's ghost row). */
  chatId: number;
  text: string;
  date: Date;
  /** `handle.id` of the row: the other party in a DM, empty in a group. */
  handle: string;
  destinationCallerId: string;
  service: string;
  attachmentPaths: string[];
  /** The message a threaded reply answers (sent through the bridge with `reply_to`); "" when not threaded. */
  threadOriginatorGuid: string;
}

export function readSentMessages(
  db: DatabaseSync,
  options: { sinceRowid?: number; chatId?: number },
): SentMessage[] {
  const chatFilter = options.chatId === undefined ? "" : " AND cmj.chat_id = ?";
  const params = [options.sinceRowid ?? 0, ...(options.chatId === undefined ? [] : [options.chatId])];
  const rows = statement(
    db,
    `SELECT m.ROWID AS rowid, m.guid AS guid, cmj.chat_id AS chat_id, IFNULL(m.text, '') AS text,
            ${appleMillisSql("m.date")} AS date_ms, IFNULL(h.id, '') AS handle,
            IFNULL(m.destination_caller_id, '') AS caller, IFNULL(m.service, '') AS service,
            IFNULL(m.thread_originator_guid, '') AS thread
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
    threadOriginatorGuid: String(row.thread),
    attachmentPaths: statement(
      db,
      `SELECT a.filename AS filename FROM message_attachment_join maj JOIN attachment a ON a.ROWID = maj.attachment_id
       WHERE maj.message_id = ? ORDER BY a.ROWID`,
    )
      .all(Number(row.rowid))
      .map((attachment) => String(attachment.filename)),
  }));
}
