/**
 * The parts of a journaled reply, each one `send`: its text chunks, then its
 * files. A file goes alone, so the row `send` reports (U+FFFC and the
 * attachment) is that file's; how each part is recognised in the chat after
 * an interrupted send; and what a tapback on it is noted as.
 */
import path from "node:path";
import type { ImsgParams } from "../imsg/imsg-methods.ts";
import type { OutboxEntry } from "../state/settle-journal.ts";
import type { SentPart } from "./sent-row-finder.ts";

/** One `send` of a reply: a chunk of its text (threaded when asked and imsg can), or one file. */
export type ReplyPart = { text: string; replyTo?: string } | { file: string };

/** Text first, then files, as Messages shows a message with attachments. */
export function partsOf(entry: OutboxEntry): ReplyPart[] {
  const replyTo = entry.replyTo;
  return [
    ...entry.chunks.map((text) => (replyTo ? { text, replyTo } : { text })),
    ...(entry.media ?? []).map(({ file }) => ({ file })),
  ];
}

/** The text of the row a part makes: a file's row says U+FFFC, as Messages writes it. */
export function echoText(part: ReplyPart): string {
  return "file" in part ? "\uFFFC" : part.text;
}

export function sentPart(part: ReplyPart): SentPart {
  return "file" in part ? { fileName: path.basename(part.file) } : { text: part.text };
}

/** What a file leaves in the chat's memory: a tapback on it is noted as on this. */
export function remembered(part: ReplyPart): string {
  return "file" in part ? `[file: ${path.basename(part.file)}]` : part.text;
}

/** `reply_to` only when the reply is threaded and imsg can thread it now. */
export function sendParams(chatId: number, part: ReplyPart, threaded: boolean): ImsgParams<"send"> {
  if ("file" in part) return { chat_id: chatId, file: part.file };
  return {
    chat_id: chatId,
    text: part.text,
    ...(threaded && part.replyTo ? { reply_to: part.replyTo } : {}),
  };
}
