/**
 * Turns database records into the JSON objects `imsg rpc` emits, field for
 * field: empty strings stay empty strings where imsg writes them (`text`,
 * `sender`, `chat_name`), optional values are left out rather than null, and
 * `attachments`/`reactions` are always arrays. Protocol 1 (imsg 0.15) adds
 * read state, Contacts names, reply context from Messages' own
 * `reply_to_guid`, voice memo transcripts and folded link previews; legacy
 * mode emits exactly what imsg 0.9 did.
 */
import { statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { ChatInfo, ChatSummary } from "./chat-store.ts";
import { contactName } from "./contacts.ts";
import type { AttachmentRecord, MessageRecord, MessageStore } from "./message-store.ts";
import type { ProtocolMode } from "./protocol-mode.ts";
import {
  currentReactions,
  isReactionAdd,
  isReactionType,
  normalizeAssociatedGuid,
  tapbackKind,
} from "./tapbacks.ts";

export type JsonObject = Record<string, unknown>;

/** ISO 8601 with milliseconds, as Foundation's formatter with fractional seconds writes it. */
export function isoDate(date: Date): string {
  return date.toISOString();
}

export function isGroupHandle(identifier: string, guid: string): boolean {
  return guid.includes(";+;") || identifier.includes(";+;");
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

export interface MessagePayloadOptions {
  attachments: boolean;
  reactions: boolean;
  /** The watch query decodes reaction rows into reaction events; history hides them. */
  decodeReactionEvents: boolean;
}

/** Builds payloads, caching chat info and participants for the life of the process as imsg does. */
export class PayloadBuilder {
  private readonly store: MessageStore;
  private readonly mode: ProtocolMode;
  private readonly chatInfos = new Map<number, ChatInfo>();
  private readonly chatParticipants = new Map<number, string[]>();

  constructor(store: MessageStore, mode: ProtocolMode) {
    this.store = store;
    this.mode = mode;
  }

  private info(chatId: number): ChatInfo | undefined {
    let info = this.chatInfos.get(chatId);
    if (!info) {
      info = this.store.chats.info(chatId);
      if (info) this.chatInfos.set(chatId, info);
    }
    return info;
  }

  private participants(chatId: number): string[] {
    let participants = this.chatParticipants.get(chatId);
    if (!participants) {
      participants = this.store.chats.participants(chatId);
      this.chatParticipants.set(chatId, participants);
    }
    return participants;
  }

  chat(summary: ChatSummary): JsonObject {
    const info = this.info(summary.id);
    const identifier = info?.identifier ?? summary.identifier;
    const guid = info?.guid ?? "";
    const payload: JsonObject = {
      id: summary.id,
      identifier,
      guid,
      name: info?.name ? info.name : summary.name,
      service: info?.service ?? summary.service,
      last_message_at: isoDate(summary.lastMessageAt),
      participants: this.participants(summary.id),
      is_group: isGroupHandle(identifier, guid),
    };
    if (this.mode === "protocol1") {
      if (summary.unreadCount !== undefined) payload.unread_count = summary.unreadCount;
      const name = isGroupHandle(identifier, guid) ? undefined : contactName(this.store.db, identifier);
      if (name) payload.contact_name = name;
    }
    return payload;
  }

  message(record: MessageRecord, options: MessagePayloadOptions): JsonObject {
    const reaction = options.decodeReactionEvents && isReactionType(record.associatedType);
    const associated = normalizeAssociatedGuid(record.associatedGuid);
    const replyToGuid = this.replyToGuid(record, associated);
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
    if (this.mode === "protocol1") this.addProtocol1Fields(payload, record, reaction);
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

  /**
   * imsg 0.9 reports only a non-tapback association; 0.15 reads Messages' own
   * `reply_to_guid` column first (set on inline replies), then the association.
   */
  private replyToGuid(record: MessageRecord, associated: string): string | undefined {
    if (isReactionType(record.associatedType)) return undefined;
    const fromColumn = this.mode === "protocol1" ? normalizeAssociatedGuid(record.replyToGuid) : "";
    if (fromColumn !== "") return fromColumn;
    return associated !== "" ? associated : undefined;
  }

  private addProtocol1Fields(payload: JsonObject, record: MessageRecord, reaction: boolean): void {
    if (record.transcript !== undefined) payload.text = record.transcript;
    if (!reaction && record.threadOriginatorPart !== "" && record.threadOriginatorGuid !== "") {
      payload.thread_originator_part = record.threadOriginatorPart;
    }
    if (!record.isFromMe) {
      const name = contactName(this.store.db, record.sender);
      if (name) payload.sender_name = name;
    }
    if (record.balloonBundleId !== "") payload.balloon_bundle_id = record.balloonBundleId;
    if (record.urlPreview) {
      payload.url_preview = {
        id: record.urlPreview.rowid,
        guid: record.urlPreview.guid,
        balloon_bundle_id: record.urlPreview.balloonBundleId,
        created_at: isoDate(record.urlPreview.date),
      };
    }
    if (record.isRead !== undefined) payload.is_read = record.isRead;
    if (record.dateRead) payload.date_read = isoDate(record.dateRead);
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
