/**
 * Turns database records into the JSON objects `imsg rpc` emits, field for
 * field: empty strings stay empty strings where imsg writes them (`text`,
 * `sender`, `chat_name`), optional values are left out rather than null, and
 * `attachments`/`reactions` are always arrays.
 */
import { statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type {
  AttachmentRecord,
  ChatInfo,
  ChatSummary,
  MessageRecord,
  MessageStore,
  ReactionRow,
} from "./message-store.ts";

export type JsonObject = Record<string, unknown>;

/** ISO 8601 with milliseconds, as Foundation's formatter with fractional seconds writes it. */
export function isoDate(date: Date): string {
  return date.toISOString();
}

export function isGroupHandle(identifier: string, guid: string): boolean {
  return guid.includes(";+;") || identifier.includes(";+;");
}

const TAPBACKS: Record<number, { name: string; emoji: string }> = {
  2000: { name: "love", emoji: "❤️" },
  2001: { name: "like", emoji: "👍" },
  2002: { name: "dislike", emoji: "👎" },
  2003: { name: "laugh", emoji: "😂" },
  2004: { name: "emphasis", emoji: "‼️" },
  2005: { name: "question", emoji: "❓" },
};
const CUSTOM_TAPBACK = 2006;

function isReactionAdd(type: number): boolean {
  return type >= 2000 && type <= 2006;
}

export function isReactionType(type: number | undefined): type is number {
  return type !== undefined && (isReactionAdd(type) || (type >= 3000 && type <= 3006));
}

/** The reaction kind for an add or remove row; undefined for a custom one whose emoji cannot be found. */
function tapbackKind(type: number, text: string): { name: string; emoji: string } | undefined {
  const base = isReactionAdd(type) ? type : type - 1000;
  if (base !== CUSTOM_TAPBACK) return TAPBACKS[base];
  const emoji = customEmoji(text);
  return emoji ? { name: "custom", emoji } : undefined;
}

/** Messages writes custom tapbacks as `Reacted 🎉 to “…”`; otherwise take the first emoji in the text. */
function customEmoji(text: string): string | undefined {
  const match = /Reacted (.+?) to /u.exec(text);
  if (match?.[1]) return match[1];
  for (const { segment } of new Intl.Segmenter("en", { granularity: "grapheme" }).segment(text)) {
    if (/\p{Extended_Pictographic}|\p{Emoji_Presentation}/u.test(segment)) return segment;
  }
  return undefined;
}

/** `p:0/<guid>` and `bp:<guid>` point at a message part; the message guid is what follows the last slash. */
function normalizeAssociatedGuid(guid: string): string {
  const slash = guid.lastIndexOf("/");
  return slash >= 0 && slash < guid.length - 1 ? guid.slice(slash + 1) : guid;
}

export function expandHome(path: string): string {
  if (path === "~") return homedir();
  return path.startsWith("~/") ? join(homedir(), path.slice(2)) : path;
}

export function attachmentPayload(record: AttachmentRecord): JsonObject {
  const originalPath = record.filename === "" ? "" : expandHome(record.filename);
  let missing = true;
  if (originalPath !== "") {
    try {
      missing = !statSync(originalPath).isFile();
    } catch {
      missing = true;
    }
  }
  return {
    filename: record.filename,
    transfer_name: record.transferName,
    uti: record.uti,
    mime_type: record.mimeType,
    total_bytes: record.totalBytes,
    is_sticker: record.isSticker,
    original_path: originalPath,
    missing,
  };
}

/** The reactions currently on a message: removals cancel earlier adds, a repeat add replaces the earlier one. */
function currentReactions(rows: ReactionRow[]): JsonObject[] {
  const current = new Map<string, JsonObject>();
  for (const row of rows) {
    const kind = tapbackKind(row.associatedType, row.text);
    if (!kind) continue;
    const key = `${row.sender}|${row.isFromMe}|${kind.name}|${kind.name === "custom" ? kind.emoji : ""}`;
    if (!isReactionAdd(row.associatedType)) {
      current.delete(key);
      continue;
    }
    current.delete(key);
    current.set(key, {
      id: row.rowid,
      type: kind.name,
      emoji: kind.emoji,
      sender: row.sender,
      is_from_me: row.isFromMe,
      created_at: isoDate(row.date),
    });
  }
  return [...current.values()];
}

export interface MessagePayloadOptions {
  attachments: boolean;
  reactions: boolean;
  /** The watch query decodes reaction rows into reaction events; history hides them. */
  decodeReactionEvents: boolean;
}

/** Builds payloads, caching chat info and participants for the life of the process as imsg does. */
export class PayloadBuilder {
  private readonly store: MessageStore;
  private readonly chatInfos = new Map<number, ChatInfo>();
  private readonly chatParticipants = new Map<number, string[]>();

  constructor(store: MessageStore) {
    this.store = store;
  }

  private info(chatId: number): ChatInfo | undefined {
    let info = this.chatInfos.get(chatId);
    if (!info) {
      info = this.store.chatInfo(chatId);
      if (info) this.chatInfos.set(chatId, info);
    }
    return info;
  }

  private participants(chatId: number): string[] {
    let participants = this.chatParticipants.get(chatId);
    if (!participants) {
      participants = this.store.participants(chatId);
      this.chatParticipants.set(chatId, participants);
    }
    return participants;
  }

  chat(summary: ChatSummary): JsonObject {
    const info = this.info(summary.id);
    const identifier = info?.identifier ?? summary.identifier;
    const guid = info?.guid ?? "";
    return {
      id: summary.id,
      identifier,
      guid,
      name: info?.name ? info.name : summary.name,
      service: info?.service ?? summary.service,
      last_message_at: isoDate(summary.lastMessageAt),
      participants: this.participants(summary.id),
      is_group: isGroupHandle(identifier, guid),
    };
  }

  message(record: MessageRecord, options: MessagePayloadOptions): JsonObject {
    const reaction = options.decodeReactionEvents && isReactionType(record.associatedType);
    const associated = normalizeAssociatedGuid(record.associatedGuid);
    const replyToGuid = associated !== "" && !isReactionType(record.associatedType) ? associated : undefined;
    const threadOriginatorGuid =
      reaction || record.threadOriginatorGuid === "" ? undefined : record.threadOriginatorGuid;
    const parent = reaction ? undefined : this.replyParent(threadOriginatorGuid, replyToGuid);
    const payload: JsonObject = { id: record.rowid, chat_id: record.chatId, guid: record.guid };
    if (replyToGuid !== undefined) payload.reply_to_guid = replyToGuid;
    if (threadOriginatorGuid !== undefined) payload.thread_originator_guid = threadOriginatorGuid;
    if (parent) {
      payload.reply_to_text = parent.text;
      payload.reply_to_sender = parent.sender;
    }
    payload.sender = record.sender;
    payload.is_from_me = record.isFromMe;
    payload.text = record.text;
    payload.created_at = isoDate(record.date);
    payload.attachments =
      options.attachments && record.attachmentCount > 0
        ? this.store.attachments(record.rowid).map(attachmentPayload)
        : [];
    payload.reactions = options.reactions ? currentReactions(this.store.reactionRows(record.rowid)) : [];
    if (record.destinationCallerId !== "") payload.destination_caller_id = record.destinationCallerId;
    if (reaction && record.associatedType !== undefined) {
      const kind = tapbackKind(record.associatedType, record.text);
      payload.is_reaction = true;
      if (kind) {
        payload.reaction_type = kind.name;
        payload.reaction_emoji = kind.emoji;
      }
      payload.is_reaction_add = isReactionAdd(record.associatedType);
      payload.reacted_to_guid = associated;
    }
    const info = this.info(record.chatId);
    const identifier = info?.identifier ?? "";
    const guid = info?.guid ?? "";
    payload.chat_identifier = identifier;
    payload.chat_guid = guid;
    payload.chat_name = info?.name ?? "";
    payload.participants = this.participants(record.chatId);
    payload.is_group = isGroupHandle(identifier, guid);
    return payload;
  }

  private replyParent(...guids: (string | undefined)[]): { text: string; sender: string } | undefined {
    for (const guid of guids) {
      if (!guid) continue;
      const parent = this.store.replyParent(guid);
      if (parent) return parent;
    }
    return undefined;
  }
}
