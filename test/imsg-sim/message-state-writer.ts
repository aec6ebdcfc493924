/**
 * What Messages changes on a row after writing it: an inbound message read
 * on this Mac, and an outgoing one delivered, read by the recipient, or
 * failed. `message.send_status` and the read state in payloads read these.
 */
import type { DatabaseSync } from "node:sqlite";
import { toAppleNanos } from "./chat-db-schema.ts";
import { inWriteTransaction } from "./chat-db-writer.ts";
import { statement } from "./statement-cache.ts";

/** Messages' error code for "not delivered" (the red exclamation mark). */
export const NOT_DELIVERED_ERROR = 22;

function updated(changes: number | bigint, guid: string): void {
  if (Number(changes) === 0) throw new Error(`no message with guid ${guid}`);
}

/** An inbound message read on this Mac (as when its chat is opened, or `read` is called). */
export function markInboundRead(db: DatabaseSync, guid: string, at: Date): void {
  const result = statement(
    db,
    "UPDATE message SET is_read = 1, date_read = ? WHERE guid = ? AND is_from_me = 0",
  ).run(toAppleNanos(at), guid);
  updated(result.changes, guid);
}

/** Every unread inbound message of a chat read at once, as Messages does when `read` marks the chat. */
export function markChatRead(db: DatabaseSync, chatId: number, at: Date): void {
  inWriteTransaction(db, () => {
    statement(
      db,
      `UPDATE message SET is_read = 1, date_read = ?
       WHERE is_from_me = 0 AND is_read = 0 AND ROWID IN (SELECT message_id FROM chat_message_join WHERE chat_id = ?)`,
    ).run(toAppleNanos(at), chatId);
    statement(db, "UPDATE chat SET last_read_message_timestamp = ? WHERE ROWID = ?").run(
      toAppleNanos(at),
      chatId,
    );
  });
}

export function markDelivered(db: DatabaseSync, guid: string, at: Date): void {
  const result = statement(
    db,
    "UPDATE message SET is_sent = 1, is_delivered = 1, is_finished = 1, date_delivered = ? WHERE guid = ? AND is_from_me = 1",
  ).run(toAppleNanos(at), guid);
  updated(result.changes, guid);
}

/** The recipient read it (read receipts on): delivered, and `date_read` set. */
export function markReadByRecipient(db: DatabaseSync, guid: string, at: Date): void {
  inWriteTransaction(db, () => {
    markDelivered(db, guid, at);
    statement(db, "UPDATE message SET date_read = ? WHERE guid = ?").run(toAppleNanos(at), guid);
  });
}

export function markFailed(db: DatabaseSync, guid: string, error: number): void {
  const result = statement(
    db,
    "UPDATE message SET error = ?, is_delivered = 0, is_finished = 1 WHERE guid = ? AND is_from_me = 1",
  ).run(error, guid);
  updated(result.changes, guid);
}
