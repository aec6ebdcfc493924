import type { Message } from "../imsg/protocol.ts";

/** The chat commands the note offers (parsed in chat-commands.ts). */
export const ANSWER_AWAY_COMMAND = "/answer";
export const DISMISS_AWAY_COMMAND = "/dismiss";

/** A note stays one short bubble: this many chats, this many times per chat, then "and N more". */
const MAX_CHATS = 6;
const MAX_TIMES_PER_CHAT = 3;

/** Who wrote a message, as the owner knows them: the Contacts name imsg gave, else the address. */
export function senderLabel(message: Pick<Message, "sender" | "sender_name" | "chat_id">): string {
  return message.sender_name?.trim() || message.sender || `chat ${message.chat_id}`;
}

/** A chat as the owner knows it: a group by its name, a direct chat by its person. */
export function chatLabel(message: Message): string {
  if (message.is_group) return message.chat_name?.trim() || "a group";
  return senderLabel(message);
}

/**
 * "at 14:05" today, "yesterday at 14:05", else "on Tue 2 Dec at 14:05", in
 * the Mac's time zone: the owner reads the note on a phone in the same day.
 */
export function humanTime(iso: string, now: Date, timeZone?: string): string {
  const at = new Date(iso);
  const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone }).format(at);
  const day = (date: Date) =>
    new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(
      date,
    );
  if (day(at) === day(now)) return `at ${clock}`;
  if (day(at) === day(new Date(now.getTime() - 24 * 60 * 60_000))) return `yesterday at ${clock}`;
  const date = new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone,
  }).format(at);
  return `on ${date.replace(",", "")} at ${clock}`;
}

/**
 * The one note the owner gets after a gap: who wrote and when, grouped by
 * chat in the order they wrote, and how to have them answered. Nothing in it
 * quotes a message: the note may show on a locked screen.
 */
export function awayNoteText(messages: readonly Message[], now: Date, timeZone?: string): string {
  const chats = new Map<number, Message[]>();
  for (const message of messages)
    chats.set(message.chat_id, [...(chats.get(message.chat_id) ?? []), message]);
  const count = messages.length;
  const lines = [
    `While I was away, ${count === 1 ? "1 message" : `${count} messages`} came that I did not answer:`,
  ];
  for (const rows of [...chats.values()].slice(0, MAX_CHATS))
    lines.push(`• ${chatLine(rows, now, timeZone)}`);
  if (chats.size > MAX_CHATS) {
    const rest = chats.size - MAX_CHATS;
    lines.push(`…and ${rest} more ${rest === 1 ? "chat" : "chats"}.`);
  }
  lines.push(
    `Reply ${ANSWER_AWAY_COMMAND} to have me answer them now, or ${DISMISS_AWAY_COMMAND} to leave them unanswered.`,
  );
  return lines.join("\n");
}

function chatLine(rows: readonly Message[], now: Date, timeZone?: string): string {
  const first = rows[0] as Message;
  const shown = rows.slice(0, MAX_TIMES_PER_CHAT).map((row) => {
    const when = humanTime(row.created_at, now, timeZone);
    return first.is_group ? `${senderLabel(row)} ${when}` : when;
  });
  const more = rows.length - shown.length;
  const tail = more > 0 ? ` and ${more} more` : "";
  return `${chatLabel(first)}: ${shown.join(", ")}${tail}`;
}
