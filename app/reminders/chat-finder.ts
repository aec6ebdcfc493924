/**
 * Finds the chat the owner named ("Family", "+15551234567", "mum@example.com")
 * among imsg's chats, and says whether a chat is one the owner excluded from
 * catch-ups. Pure: the chats are passed in.
 */
import type { Chat } from "../imsg/protocol.ts";

export function chatLabel(chat: Chat): string {
  return (
    chat.display_name || chat.name || chat.identifier || chat.participants.join(", ") || `chat ${chat.id}`
  );
}

/** Whether `name` names this chat: its id, its name, its identifier or (for a DM) its one participant. */
export function chatMatches(chat: Chat, name: string): boolean {
  const wanted = normalise(name);
  if (wanted === "") return false;
  if (wanted === String(chat.id) || wanted === `chat_id:${chat.id}`) return true;
  const names = [chat.display_name, chat.name, chat.identifier, chat.guid];
  if (!chat.is_group) names.push(...chat.participants);
  return names.some((candidate) => candidate !== undefined && normalise(candidate) === wanted);
}

/** The first chat `name` names. */
export function findChat(chats: readonly Chat[], name: string): Chat | undefined {
  return chats.find((chat) => chatMatches(chat, name));
}

export function isExcluded(chat: Chat, excluded: readonly string[]): boolean {
  return excluded.some((name) => chatMatches(chat, name));
}

/** Case and the spaces, dashes and brackets of a phone number do not matter. */
function normalise(text: string): string {
  const trimmed = text.trim().toLowerCase();
  return /^\+?[\d\s().-]+$/.test(trimmed) ? trimmed.replace(/[\s().-]/g, "") : trimmed;
}
