/**
 * The rows Messages writes when something arrives: a message (text,
 * attachments, a voice memo with its transcript, a link preview, an inline
 * reply) or a tapback, in the sender's chat, with the sender's handle
 * joined to it. The test API (sim-db.ts) plays Messages.app through these.
 */
import type { DatabaseSync } from "node:sqlite";
import {
  ATTACHMENT_PLACEHOLDER,
  type AttachmentInput,
  type ChatRow,
  type ChatService,
  chatById,
  ensureDirectChat,
  ensureHandle,
  insertMessage,
  type WrittenMessage,
} from "./chat-db-writer.ts";
import { statement } from "./statement-cache.ts";
import { VOICE_MEMO_MIME_TYPE, VOICE_MEMO_UTI } from "./voice-memo.ts";

export interface InboundMessage {
  from: string;
  text?: string;
  /** Defaults to the sender's DM chat on `service`, created on first use. */
  chat?: ChatRow | number;
  service?: ChatService;
  date?: Date;
  guid?: string;
  /** An inline reply: Messages records the parent in `thread_originator_guid` and `reply_to_guid`. */
  replyToGuid?: string;
  /** A non-tapback association; imsg reports it as `reply_to_guid`. */
  associatedMessageGuid?: string;
  /** Absolute paths (or `~/…`) of files, or full attachment rows. */
  attachments?: (string | AttachmentInput)[];
  /** Which of our addresses received it; defaults to our own address, `null` leaves the column empty. */
  destinationCallerId?: string | null;
  /** `com.apple.messages.URLBalloonProvider` (URL_PREVIEW_BUNDLE_ID) for the link preview row after a link. */
  balloonBundleId?: string;
  /** A voice memo: a CAF attachment (at `path`, if given) whose transcript imsg 0.15 reports as the text. */
  voiceMemo?: { transcript: string; path?: string };
}

export type TapbackKind = "love" | "like" | "dislike" | "laugh" | "emphasis" | "question" | { emoji: string };

export interface InboundReaction {
  from: string;
  targetGuid: string;
  kind: TapbackKind;
  remove?: boolean;
  /** Defaults to the chat of the target message. */
  chat?: ChatRow | number;
  date?: Date;
}

const TAPBACK_CODES: Record<string, number> = {
  love: 2000,
  like: 2001,
  dislike: 2002,
  laugh: 2003,
  emphasis: 2004,
  question: 2005,
};
/** The summary text Messages writes into a tapback row. */
const TAPBACK_VERBS: Record<string, [added: string, removed: string]> = {
  love: ["Loved", "Removed a heart from"],
  like: ["Liked", "Removed a like from"],
  dislike: ["Disliked", "Removed a dislike from"],
  laugh: ["Laughed at", "Removed a laugh from"],
  emphasis: ["Emphasized", "Removed an exclamation from"],
  question: ["Questioned", "Removed a question mark from"],
};

const DEFAULT_VOICE_MEMO_PATH = "~/Library/Messages/Attachments/imsg-sim/Audio Message.caf";

export function chatFor(
  db: DatabaseSync,
  chat: ChatRow | number | undefined,
  from: string | undefined,
  service: ChatService | undefined,
): ChatRow {
  if (typeof chat === "object") return chat;
  if (typeof chat === "number") {
    const found = chatById(db, chat);
    if (!found) throw new Error(`no chat with ROWID ${chat}; create it with dm() or group() first`);
    return found;
  }
  if (from === undefined) throw new Error("a message needs a chat or a sender");
  return ensureDirectChat(db, from, service ?? "iMessage");
}

/** The sender's handle, joined to the chat if Messages had not seen them there yet. */
function joinedHandle(db: DatabaseSync, chat: ChatRow, from: string): number {
  const handleId = ensureHandle(db, from, chat.service);
  statement(db, "INSERT OR IGNORE INTO chat_handle_join (chat_id, handle_id) VALUES (?, ?)").run(
    chat.id,
    handleId,
  );
  return handleId;
}

function attachmentsOf(message: InboundMessage): AttachmentInput[] {
  const attachments = (message.attachments ?? []).map((item) =>
    typeof item === "string" ? { path: item } : item,
  );
  if (message.voiceMemo) {
    attachments.push({
      path: message.voiceMemo.path ?? DEFAULT_VOICE_MEMO_PATH,
      uti: VOICE_MEMO_UTI,
      mimeType: VOICE_MEMO_MIME_TYPE,
      transcript: message.voiceMemo.transcript,
    });
  }
  return attachments;
}

export function writeInbound(db: DatabaseSync, own: string, message: InboundMessage): WrittenMessage {
  const chat = chatFor(db, message.chat, message.from, message.service);
  const attachments = attachmentsOf(message);
  const text =
    message.text ?? (attachments.length > 0 ? ATTACHMENT_PLACEHOLDER.repeat(attachments.length) : "");
  return insertMessage(db, {
    chatId: chat.id,
    handleId: joinedHandle(db, chat, message.from),
    isFromMe: false,
    text,
    service: chat.service,
    date: message.date ?? new Date(),
    attachments,
    destinationCallerId: message.destinationCallerId === undefined ? own : message.destinationCallerId,
    ...(message.guid === undefined ? {} : { guid: message.guid }),
    ...(message.replyToGuid === undefined
      ? {}
      : { threadOriginatorGuid: message.replyToGuid, replyToGuid: message.replyToGuid }),
    ...(message.associatedMessageGuid === undefined
      ? {}
      : { associatedMessageGuid: message.associatedMessageGuid }),
    ...(message.balloonBundleId === undefined ? {} : { balloonBundleId: message.balloonBundleId }),
    isAudioMessage: message.voiceMemo !== undefined,
  });
}

/** A tapback row: `associated_message_guid` is `p:0/<target>`, type 2000–2006 (add) or 3000–3006 (remove). */
export function writeReaction(db: DatabaseSync, own: string, reaction: InboundReaction): WrittenMessage {
  const target = statement(
    db,
    `SELECT IFNULL(m.text, '') AS text, cmj.chat_id AS chat_id FROM message m
     LEFT JOIN chat_message_join cmj ON cmj.message_id = m.ROWID WHERE m.guid = ?`,
  ).get(reaction.targetGuid);
  const targetChat = target?.chat_id;
  const chatRef = reaction.chat ?? (typeof targetChat === "number" ? targetChat : undefined);
  const chat = chatFor(db, chatRef, reaction.from, undefined);
  const quoted = `“${String(target?.text ?? "")}”`;
  const custom = typeof reaction.kind === "object";
  const base = custom ? 2006 : (TAPBACK_CODES[reaction.kind as string] ?? 2000);
  const verbs = custom ? undefined : TAPBACK_VERBS[reaction.kind as string];
  const emoji = typeof reaction.kind === "object" ? reaction.kind.emoji : "";
  const text = verbs
    ? `${reaction.remove ? verbs[1] : verbs[0]} ${quoted}`
    : `${reaction.remove ? "Removed" : "Reacted"} ${emoji} ${reaction.remove ? "from" : "to"} ${quoted}`;
  return insertMessage(db, {
    chatId: chat.id,
    handleId: joinedHandle(db, chat, reaction.from),
    isFromMe: false,
    text,
    service: chat.service,
    date: reaction.date ?? new Date(),
    destinationCallerId: own,
    associatedMessageGuid: `p:0/${reaction.targetGuid}`,
    associatedMessageType: base + (reaction.remove ? 1000 : 0),
  });
}
