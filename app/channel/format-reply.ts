/**
 * The outbound half of the channel's text path: model output → the messages
 * sent to one chat, in order.
 */

import type { ChunkMode } from "./chunk-text.ts";
import { chunkText } from "./chunk-text.ts";
import { type PlainReply, toPlainReply } from "./plain-text.ts";
import { capChunks, cutText, replyTextBudget } from "./reply-cap.ts";

export type FormatReplyOptions = {
  /** The resolved `responsePrefix` (`resolveResponsePrefix`); marks our messages, which the loop guard relies on. */
  responsePrefix?: string | undefined;
  /** `textChunkLimit`, in UTF-16 code units. */
  textChunkLimit: number;
  chunkMode: ChunkMode;
  /** Sent as written, without the markdown reduction: a command's answer, not a model's. */
  verbatim?: boolean;
};

/**
 * Plain text, then the response prefix, then chunks. The prefix goes on the
 * text before chunking, as the reference does, so it opens the first message
 * only and counts against its limit. A reply with nothing left once the model's
 * artefacts are removed sends nothing. A reply too long for `MAX_REPLY_CHUNKS`
 * messages is cut, and its last message says so.
 */
export function formatReply(modelText: string, options: FormatReplyOptions): string[] {
  const limit = options.textChunkLimit;
  const mode = options.chunkMode;
  const budget = replyTextBudget(limit);
  const reply = options.verbatim ? verbatimReply(modelText, budget) : toPlainReply(modelText, budget);
  if (reply.text === "") return [];
  const prefix = options.responsePrefix?.trim() ?? "";
  if (prefix === "") {
    const chunks = chunkText(reply.text, { limit, mode, keepTogether: reply.codeRanges });
    return capChunks(chunks, reply.cut, limit, mode);
  }

  // A reply that opens with code keeps its first code line to itself.
  const head = `${prefix}${reply.codeRanges[0]?.start === 0 ? "\n" : " "}`;
  const keepTogether = reply.codeRanges.map((r) => ({
    start: r.start + head.length,
    end: r.end + head.length,
  }));
  return capChunks(chunkText(head + reply.text, { limit, mode, keepTogether }), reply.cut, limit, mode);
}

function verbatimReply(text: string, budget: number): PlainReply {
  const trimmed = text.trim();
  if (trimmed.length <= budget) return { text: trimmed, codeRanges: [], cut: false };
  return { text: cutText(trimmed, budget), codeRanges: [], cut: true };
}
