/**
 * Tapbacks as imsg decodes them: the kind and emoji of a reaction row
 * (2000–2006 add, 3000–3006 remove, 2006 a custom emoji), the message it
 * points at, and the reactions currently on a message.
 */
import type { ReactionRow } from "./message-store.ts";

const TAPBACKS: Record<number, { name: string; emoji: string }> = {
  2000: { name: "love", emoji: "❤️" },
  2001: { name: "like", emoji: "👍" },
  2002: { name: "dislike", emoji: "👎" },
  2003: { name: "laugh", emoji: "😂" },
  2004: { name: "emphasis", emoji: "‼️" },
  2005: { name: "question", emoji: "❓" },
};
const CUSTOM_TAPBACK = 2006;

export function isReactionAdd(type: number): boolean {
  return type >= 2000 && type <= 2006;
}

export function isReactionType(type: number | undefined): type is number {
  return type !== undefined && (isReactionAdd(type) || (type >= 3000 && type <= 3006));
}

/** The reaction kind for an add or remove row; undefined for a custom one whose emoji cannot be found. */
export function tapbackKind(type: number, text: string): { name: string; emoji: string } | undefined {
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
export function normalizeAssociatedGuid(guid: string): string {
  const slash = guid.lastIndexOf("/");
  return slash >= 0 && slash < guid.length - 1 ? guid.slice(slash + 1) : guid;
}

/** The reactions currently on a message: removals cancel earlier adds, a repeat add replaces the earlier one. */
export function currentReactions(rows: ReactionRow[]): Record<string, unknown>[] {
  const current = new Map<string, Record<string, unknown>>();
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
      created_at: row.date.toISOString(),
    });
  }
  return [...current.values()];
}
