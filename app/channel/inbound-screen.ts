import { handleKey } from "../access/handles.ts";
import type { Message } from "../imsg/protocol.ts";
import { saidText } from "../imsg/said-text.ts";
import type { EchoMemory } from "./echo-memory.ts";

/**
 * The first, synchronous stage of the inbound pipeline (spec §4): everything
 * that can be decided from the row alone, before admission. Rows dropped here
 * are still settled, so the cursor moves past them.
 */
/** What admission and the turn learn from the screen about a row it lets through. */
export interface ScreenedRow {
  selfChat: boolean;
  /** Someone else's row with the words of one of our recent sends: loop markers apply to it, commands do not. */
  resemblesOwnSend: boolean;
}

export type ScreenResult =
  | ({ action: "process" } & ScreenedRow)
  | { action: "drop"; reason: ScreenDropReason; detail?: string };

export type ScreenDropReason =
  | "stale"
  | "from-me"
  | "echo"
  | "self-chat-twin"
  | "empty"
  | "attachments-not-included";

export interface ScreenContext {
  region: string;
  includeAttachments: boolean;
  echoMemory: EchoMemory;
  selfChatTwins: SelfChatTwins;
  /** How old a row may be when it arrives; older rows are a backlog flush or a replay past its window. */
  maxAgeMs: number;
  now: number;
}

export function screenInbound(message: Message, context: ScreenContext): ScreenResult {
  const age = context.now - Date.parse(message.created_at);
  if (Number.isFinite(age) && age > context.maxAgeMs) {
    return { action: "drop", reason: "stale", detail: `${Math.round(age / 60_000)} min old` };
  }
  const keys = chatKeys(message, context.region);
  const selfChat = isSelfChat(message, context.region);
  const ours = message.is_from_me || selfChat;
  if (context.echoMemory.isEcho(keys, message.text, [message.guid, message.id], { ours })) {
    return { action: "drop", reason: "echo" };
  }
  if (message.is_from_me && !selfChat) return { action: "drop", reason: "from-me" };
  // A photo, sticker or voice note alone is only placeholders: with attachments off there is
  // nothing to answer, and (as in the reference) no pairing code for it either.
  const said = saidText(message.text);
  const attachments = message.attachments ?? [];
  if (said === "" && attachments.length === 0) return { action: "drop", reason: "empty" };
  if (said === "" && !context.includeAttachments)
    return { action: "drop", reason: "attachments-not-included" };
  if (selfChat && context.selfChatTwins.seenTwin(keys, message))
    return { action: "drop", reason: "self-chat-twin" };
  return {
    action: "process",
    selfChat,
    resemblesOwnSend: context.echoMemory.sentRecently(keys, message.text),
  };
}

/**
 * A self-chat is the owner writing to one of their own addresses: the sender
 * is the address the message went through (`destination_caller_id`).
 */
export function isSelfChat(message: Message, region: string): boolean {
  if (!message.sender || !message.destination_caller_id || message.is_group) return false;
  const sender = handleKey(message.sender, region);
  return sender !== null && sender === handleKey(message.destination_caller_id, region);
}

/** Keys under which a chat's echoes are remembered: its id, and its handle for DMs. */
export function chatKeys(
  message: Pick<Message, "chat_id" | "is_group" | "sender">,
  region: string,
): string[] {
  const keys = [`chat:${message.chat_id}`];
  if (!message.is_group && message.sender) {
    const key = handleKey(message.sender, region);
    if (key) keys.push(`handle:${key}`);
  }
  return keys;
}

/**
 * Messages can write a self-chat message twice: once as sent (`is_from_me`)
 * and once as received. The first of the pair is answered; its twin, with the
 * other `is_from_me` and the same text, is not.
 */
export class SelfChatTwins {
  private readonly recent: { keys: string[]; text: string; fromMe: boolean; at: number }[] = [];
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(windowMs = 15_000, now: () => number = Date.now) {
    this.windowMs = windowMs;
    this.now = now;
  }

  seenTwin(keys: string[], message: Message): boolean {
    const now = this.now();
    while (this.recent.length > 0 && now - (this.recent[0]?.at ?? now) > this.windowMs) this.recent.shift();
    const text = message.text ?? "";
    const twin = this.recent.findIndex(
      (entry) =>
        entry.keys.some((key) => keys.includes(key)) &&
        entry.text === text &&
        entry.fromMe !== message.is_from_me,
    );
    if (twin !== -1) {
      this.recent.splice(twin, 1);
      return true;
    }
    this.recent.push({ keys, text, fromMe: message.is_from_me, at: now });
    return false;
  }
}
