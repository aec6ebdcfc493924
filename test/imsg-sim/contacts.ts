/**
 * Contacts names. imsg 0.15 reads the Address Book and reports a handle's
 * name as `sender_name` (messages) and `contact_name` (direct chats); the
 * simulator keeps the names a test sets in a table of its own in `chat.db`,
 * read fresh on every lookup so a name set mid-run shows up at once.
 */
import type { DatabaseSync } from "node:sqlite";
import { SIM_CONTACT_TABLE, SIM_CONTACT_TABLE_SQL } from "./chat-db-schema.ts";
import { statement } from "./statement-cache.ts";

export function setContactName(db: DatabaseSync, handle: string, name: string): void {
  db.exec(SIM_CONTACT_TABLE_SQL);
  statement(db, `INSERT OR REPLACE INTO ${SIM_CONTACT_TABLE} (handle, name) VALUES (?, ?)`).run(handle, name);
}

export function contactName(db: DatabaseSync, handle: string): string | undefined {
  if (handle === "") return undefined;
  try {
    const row = statement(db, `SELECT name FROM ${SIM_CONTACT_TABLE} WHERE handle = ? COLLATE NOCASE`).get(
      handle,
    );
    return typeof row?.name === "string" && row.name !== "" ? row.name : undefined;
  } catch {
    // A database made by something other than the simulator has no contacts table: nobody has a name.
    return undefined;
  }
}
