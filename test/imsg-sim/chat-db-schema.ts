/**
 * The Messages `chat.db` schema as the simulator keeps it: the tables and
 * columns `imsg` reads, with Messages' real names and defaults, plus one
 * table of our own (`imsg_sim_account`) that the real imsg never looks at.
 */

/** 2001-01-01T00:00:00Z in Unix milliseconds: Messages counts from there. */
export const APPLE_EPOCH_UNIX_MS = 978_307_200_000;

/** Messages stores dates as nanoseconds since the Apple epoch. BigInt keeps every digit. */
export function toAppleNanos(date: Date): bigint {
  return BigInt(date.getTime() - APPLE_EPOCH_UNIX_MS) * 1_000_000n;
}

/**
 * SQL expression turning a nanosecond column into Apple-epoch milliseconds.
 * node:sqlite refuses integers above 2^53, and today's nanosecond values are
 * about 8e17, so the division has to happen inside SQLite.
 */
export function appleMillisSql(column: string): string {
  return `(${column} / 1000000)`;
}

export function fromAppleMillis(appleMs: number | bigint | null | undefined): Date {
  return new Date(Number(appleMs ?? 0) + APPLE_EPOCH_UNIX_MS);
}

/** Our own addresses (the signed-in Apple ID's phone number or email). Ignored by imsg. */
export const SIM_ACCOUNT_TABLE = "imsg_sim_account";

/** What Contacts would name a handle (imsg reads the real Address Book). Ignored by imsg. */
export const SIM_CONTACT_TABLE = "imsg_sim_contact";
export const SIM_CONTACT_TABLE_SQL = `CREATE TABLE IF NOT EXISTS ${SIM_CONTACT_TABLE} (handle TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL)`;

export const CHAT_DB_SCHEMA = `
CREATE TABLE _SqliteDatabaseProperties (key TEXT, value TEXT, UNIQUE(key));
CREATE TABLE handle (
  ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE,
  id TEXT NOT NULL,
  country TEXT,
  service TEXT NOT NULL,
  uncanonicalized_id TEXT,
  person_centric_id TEXT,
  UNIQUE (id, service)
);
CREATE TABLE chat (
  ROWID INTEGER PRIMARY KEY AUTOINCREMENT,
  guid TEXT UNIQUE NOT NULL,
  style INTEGER,
  state INTEGER,
  account_id TEXT,
  properties BLOB,
  chat_identifier TEXT,
  service_name TEXT,
  room_name TEXT,
  account_login TEXT,
  is_archived INTEGER DEFAULT 0,
  last_addressed_handle TEXT,
  display_name TEXT,
  group_id TEXT,
  is_filtered INTEGER DEFAULT 0,
  successful_query INTEGER,
  last_read_message_timestamp INTEGER DEFAULT 0
);
CREATE TABLE message (
  ROWID INTEGER PRIMARY KEY AUTOINCREMENT,
  guid TEXT UNIQUE NOT NULL,
  text TEXT,
  replace INTEGER DEFAULT 0,
  service_center TEXT,
  handle_id INTEGER DEFAULT 0,
  subject TEXT,
  country TEXT,
  attributedBody BLOB,
  version INTEGER DEFAULT 0,
  type INTEGER DEFAULT 0,
  service TEXT,
  account TEXT,
  account_guid TEXT,
  error INTEGER DEFAULT 0,
  date INTEGER,
  date_read INTEGER,
  date_delivered INTEGER,
  is_delivered INTEGER DEFAULT 0,
  is_finished INTEGER DEFAULT 0,
  is_emote INTEGER DEFAULT 0,
  is_from_me INTEGER DEFAULT 0,
  is_empty INTEGER DEFAULT 0,
  is_delayed INTEGER DEFAULT 0,
  is_auto_reply INTEGER DEFAULT 0,
  is_prepared INTEGER DEFAULT 0,
  is_read INTEGER DEFAULT 0,
  is_system_message INTEGER DEFAULT 0,
  is_sent INTEGER DEFAULT 0,
  has_dd_results INTEGER DEFAULT 0,
  is_service_message INTEGER DEFAULT 0,
  is_forward INTEGER DEFAULT 0,
  was_downgraded INTEGER DEFAULT 0,
  is_archive INTEGER DEFAULT 0,
  cache_has_attachments INTEGER DEFAULT 0,
  cache_roomnames TEXT,
  was_data_detected INTEGER DEFAULT 0,
  was_deduplicated INTEGER DEFAULT 0,
  is_audio_message INTEGER DEFAULT 0,
  is_played INTEGER DEFAULT 0,
  date_played INTEGER,
  item_type INTEGER DEFAULT 0,
  other_handle INTEGER DEFAULT 0,
  group_title TEXT,
  group_action_type INTEGER DEFAULT 0,
  share_status INTEGER DEFAULT 0,
  share_direction INTEGER DEFAULT 0,
  is_expirable INTEGER DEFAULT 0,
  expire_state INTEGER DEFAULT 0,
  message_action_type INTEGER DEFAULT 0,
  message_source INTEGER DEFAULT 0,
  associated_message_guid TEXT,
  associated_message_type INTEGER DEFAULT 0,
  balloon_bundle_id TEXT,
  payload_data BLOB,
  expressive_send_style_id TEXT,
  associated_message_range_location INTEGER DEFAULT 0,
  associated_message_range_length INTEGER DEFAULT 0,
  time_expressive_send_played INTEGER,
  message_summary_info BLOB,
  destination_caller_id TEXT,
  is_corrupt INTEGER DEFAULT 0,
  reply_to_guid TEXT,
  sort_id INTEGER,
  is_spam INTEGER DEFAULT 0,
  has_unseen_mention INTEGER DEFAULT 0,
  thread_originator_guid TEXT,
  thread_originator_part TEXT,
  date_retracted INTEGER,
  date_edited INTEGER,
  part_count INTEGER,
  is_pending_satellite_send INTEGER DEFAULT 0
);
CREATE TABLE attachment (
  ROWID INTEGER PRIMARY KEY AUTOINCREMENT,
  guid TEXT UNIQUE NOT NULL,
  created_date INTEGER DEFAULT 0,
  start_date INTEGER DEFAULT 0,
  filename TEXT,
  uti TEXT,
  mime_type TEXT,
  transfer_state INTEGER DEFAULT 0,
  is_outgoing INTEGER DEFAULT 0,
  user_info BLOB,
  transfer_name TEXT,
  total_bytes INTEGER DEFAULT 0,
  is_sticker INTEGER DEFAULT 0,
  sticker_user_info BLOB,
  attribution_info BLOB,
  hide_attachment INTEGER DEFAULT 0,
  original_guid TEXT UNIQUE NOT NULL
);
CREATE TABLE chat_handle_join (
  chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE,
  handle_id INTEGER REFERENCES handle (ROWID) ON DELETE CASCADE,
  UNIQUE (chat_id, handle_id)
);
CREATE TABLE chat_message_join (
  chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE,
  message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE,
  message_date INTEGER DEFAULT 0,
  PRIMARY KEY (chat_id, message_id)
);
CREATE TABLE message_attachment_join (
  message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE,
  attachment_id INTEGER REFERENCES attachment (ROWID) ON DELETE CASCADE,
  UNIQUE (message_id, attachment_id)
);
CREATE INDEX message_idx_handle ON message (handle_id, date);
CREATE INDEX message_idx_associated_message ON message (associated_message_guid);
CREATE INDEX chat_message_join_idx_message_id_only ON chat_message_join (message_id);
CREATE INDEX chat_message_join_idx_message_date_id_chat_id ON chat_message_join (chat_id, message_date, message_id);
CREATE INDEX chat_handle_join_idx_handle_id ON chat_handle_join (handle_id);
CREATE INDEX message_attachment_join_idx_message_id ON message_attachment_join (message_id);
CREATE TABLE ${SIM_ACCOUNT_TABLE} (address TEXT NOT NULL PRIMARY KEY);
${SIM_CONTACT_TABLE_SQL};
`;
