/**
 * Which optional Messages columns a `chat.db` has, and how its rows read.
 * imsg reads a missing column as NULL rather than failing, so a copied real
 * database of any macOS age works; protocol 1 also reports what it found as
 * `database.features`.
 */
import type { DatabaseSync } from "node:sqlite";

export interface SchemaFlags {
  reactionColumns: boolean;
  threadOriginator: boolean;
  threadOriginatorPart: boolean;
  replyToGuid: boolean;
  destinationCallerId: boolean;
  joinMessageDate: boolean;
  readState: boolean;
  balloonBundleId: boolean;
  balloonPayload: boolean;
  audioMessage: boolean;
  attachmentUserInfo: boolean;
  scheduling: boolean;
}

export function tableColumns(db: DatabaseSync, table: string): Set<string> {
  try {
    const rows = db.prepare(`PRAGMA table_info(${table})`).all();
    return new Set(rows.map((row) => String(row.name).toLowerCase()));
  } catch {
    return new Set();
  }
}

export function detectSchema(db: DatabaseSync): SchemaFlags {
  const message = tableColumns(db, "message");
  return {
    reactionColumns: ["guid", "associated_message_guid", "associated_message_type"].every((c) =>
      message.has(c),
    ),
    threadOriginator: message.has("thread_originator_guid"),
    threadOriginatorPart: message.has("thread_originator_part"),
    replyToGuid: message.has("reply_to_guid"),
    destinationCallerId: message.has("destination_caller_id"),
    joinMessageDate: tableColumns(db, "chat_message_join").has("message_date"),
    readState: message.has("is_read") && message.has("date_read"),
    balloonBundleId: message.has("balloon_bundle_id"),
    balloonPayload: message.has("balloon_bundle_id") && message.has("payload_data"),
    audioMessage: message.has("is_audio_message"),
    attachmentUserInfo: tableColumns(db, "attachment").has("user_info"),
    scheduling: message.has("schedule_type") && message.has("schedule_state"),
  };
}

/** `database.features` in protocol 1's status: feature names, never raw column names. */
export function databaseFeatures(schema: SchemaFlags): Record<string, boolean> {
  return {
    unread_state: schema.readState,
    scheduled_messages: schema.scheduling,
    reactions: schema.reactionColumns,
    reply_context: schema.threadOriginator,
    routing_metadata: schema.destinationCallerId,
    balloon_payloads: schema.balloonPayload,
  };
}

/** Tapback rows: 2000–2006 add a reaction, 3000–3006 remove one. */
export const REACTION_TYPE_MIN = 2000;
export const REACTION_TYPE_MAX = 3006;
export const NOT_A_REACTION = `(m.associated_message_type IS NULL OR m.associated_message_type < ${REACTION_TYPE_MIN} OR m.associated_message_type > ${REACTION_TYPE_MAX})`;

/** A TEXT column as imsg reads it: NULL and non-text values become "". */
export function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}
