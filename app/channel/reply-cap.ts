/**
 * How long one reply may be. A chat is read on a phone: twenty full messages
 * (80,000 characters at the default `textChunkLimit`) is past anything a
 * person reads in a thread, while a runaway or echoed reply of megabytes
 * would otherwise become over a thousand sends that hold the chat's queue
 * for minutes. A reply past the cap is cut, and says so in its last message.
 */
import { type ChunkMode, chunkText } from "./chunk-text.ts";

export const MAX_REPLY_CHUNKS = 20;

export const REPLY_CUT_MARKER = "(reply cut)";

/**
 * The most text worth formatting for one reply: twice what the messages can
 * hold, as a chunk often ends short of the limit (at a space or a line
 * break). Everything after it would be dropped anyway. Chunks far shorter
 * than the limit (paragraphs of a word each) can still use up the budget in
 * fewer messages; the reply is then cut there, and says so.
 */
export function replyTextBudget(limit: number): number {
  return 2 * MAX_REPLY_CHUNKS * Math.max(1, limit);
}

/**
 * The chunks to send: all of them when the reply fits, else the first
 * `MAX_REPLY_CHUNKS` with the marker ending the last one (which is shortened
 * at a break to make room, so it stays within the limit).
 */
export function capChunks(chunks: readonly string[], cut: boolean, limit: number, mode: ChunkMode): string[] {
  if (!cut && chunks.length <= MAX_REPLY_CHUNKS) return [...chunks];
  const kept = chunks.slice(0, MAX_REPLY_CHUNKS);
  const last = kept.pop() ?? "";
  const room = limit - REPLY_CUT_MARKER.length - 1;
  // A limit too small for any text beside the marker sends the marker alone, as much of it as fits.
  if (room < 2) return [...kept, REPLY_CUT_MARKER.slice(0, Math.max(1, limit))];
  const head =
    last.length <= room ? last : (chunkText(last, { limit: room, mode, keepTogether: [] })[0] ?? "");
  return [...kept, head === "" ? REPLY_CUT_MARKER : `${head}\n${REPLY_CUT_MARKER}`];
}

/** The first `length` code units of `text`, one fewer rather than half a surrogate pair. */
export function cutText(text: string, length: number): string {
  if (text.length <= length) return text;
  const high = text.charCodeAt(length - 1);
  return text.slice(0, high >= 0xd800 && high <= 0xdbff ? length - 1 : length);
}
