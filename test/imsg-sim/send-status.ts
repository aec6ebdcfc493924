/**
 * `message.send_status` (protocol 1): where an outgoing message stands,
 * from its row's status columns. `send_state` is `failed` when the row
 * carries an error, `delivered` once delivered, `sent` once sent, else
 * `pending`; a guid with no row is `pending` with `status_fields: null`.
 */
import type { DatabaseSync } from "node:sqlite";
import { appleMillisSql, fromAppleMillis } from "./chat-db-schema.ts";
import { isoDate, type JsonObject } from "./payloads.ts";
import { statement } from "./statement-cache.ts";
import { tableColumns } from "./store-schema.ts";

type SendState = "pending" | "sent" | "delivered" | "failed";

function optionalDate(ms: unknown): Date | undefined {
  return typeof ms === "number" && ms > 0 ? fromAppleMillis(ms) : undefined;
}

/** The status columns, each read as 0 when an older database lacks it, as imsg does. */
function statusColumns(db: DatabaseSync): string {
  const present = tableColumns(db, "message");
  const column = (name: string) => `${present.has(name) ? `IFNULL(${name}, 0)` : "0"} AS ${name}`;
  return [
    "error",
    "is_sent",
    "is_delivered",
    "is_finished",
    "is_delayed",
    "is_prepared",
    "is_pending_satellite_send",
    "was_downgraded",
  ]
    .map(column)
    .concat(
      `${appleMillisSql(present.has("date_delivered") ? "IFNULL(date_delivered, 0)" : "0")} AS delivered_ms`,
      `${appleMillisSql(present.has("date_read") ? "IFNULL(date_read, 0)" : "0")} AS read_ms`,
    )
    .join(", ");
}

export function sendStatus(db: DatabaseSync, guid: string, checkedAt: Date): JsonObject {
  const row = statement(
    db,
    `SELECT guid, IFNULL(service, '') AS service, ${statusColumns(db)}
     FROM message WHERE guid = ? COLLATE NOCASE ORDER BY ROWID DESC LIMIT 1`,
  ).get(guid);
  // imsg writes `service: null` when it knows none; the gateway's schema takes a string or nothing, so it is left out.
  if (!row) {
    return { ok: true, guid, send_state: "pending", checked_at: isoDate(checkedAt), status_fields: null };
  }
  const deliveredAt = optionalDate(row.delivered_ms);
  const readAt = optionalDate(row.read_ms);
  const isDelivered = Boolean(row.is_delivered);
  const error = Number(row.error);
  let state: SendState = "pending";
  if (error !== 0) state = "failed";
  else if (isDelivered || deliveredAt) state = "delivered";
  else if (row.is_sent) state = "sent";
  const result: JsonObject = {
    ok: true,
    guid: String(row.guid),
    send_state: state,
    checked_at: isoDate(checkedAt),
    status_fields: {
      is_sent: Boolean(row.is_sent),
      is_delivered: isDelivered,
      is_finished: Boolean(row.is_finished),
      error,
      date_delivered: deliveredAt ? isoDate(deliveredAt) : null,
      date_read: readAt ? isoDate(readAt) : null,
      is_delayed: Boolean(row.is_delayed),
      is_prepared: Boolean(row.is_prepared),
      is_pending_satellite_send: Boolean(row.is_pending_satellite_send),
      was_downgraded: Boolean(row.was_downgraded),
    },
  };
  if (row.service !== "") result.service = row.service;
  if (deliveredAt) result.delivered_at = isoDate(deliveredAt);
  return result;
}
