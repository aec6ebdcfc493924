/**
 * Where a streamed answer may be cut into parts (block streaming), decided
 * on the text written so far. A pure function: the caller keeps the buffer
 * and the clock.
 *
 * A part ends after a complete paragraph (a blank line) or a complete fenced
 * code block, once it holds at least `minChars`. A part never grows past
 * `maxChars`: then it ends at the last paragraph, line, sentence or space
 * before that, or at a grapheme boundary. When the reader has waited long
 * enough (`idle`), the last finished sentence goes out without waiting for
 * its paragraph. A cut never falls inside a code fence, open or closed; a
 * fence longer than `maxChars` goes out whole once it is closed (the chunker
 * still splits it for `textChunkLimit`).
 */
import { fenceFinder, type TextRange } from "./markdown-fences.ts";

export interface BlockRules {
  minChars: number;
  maxChars: number;
}

const BLANK_LINE = /\n[ \t]*\n/g;
/** A sentence's end: its closing mark (after a letter or closing punctuation) and the space after it. */
const SENTENCE_END = /(?<=[\p{L}\p{N}"'”’)\]*_])[.!?…]+["'”’)\]]*(?=\s)/gu;

/**
 * The end of the next part of `text` (the rest starts there), or undefined to
 * wait for more. `idle`: the reader has waited long enough for a sentence.
 */
export function nextBlockBreak(text: string, rules: BlockRules, idle: boolean): number | undefined {
  const fences = fencesOf(text);
  const openFence = fences.find((fence) => fence.end > text.length);
  const inFence = (index: number) => fences.some((fence) => index > fence.start && index < fence.end);
  // Only what is certainly finished may go: not an open fence, nor the line still being written.
  const settled = Math.min(openFence?.start ?? text.length, text.lastIndexOf("\n") + 1);
  const blocks = blockEnds(text, fences).filter((end) => end <= settled);
  const ready = blocks.find((end) => end >= rules.minChars && end <= rules.maxChars);
  if (ready !== undefined) return ready;
  if (text.length > rules.maxChars) {
    const forced = forcedBreak(text, rules.maxChars, blocks, fences, inFence);
    if (forced !== undefined) return forced;
  }
  if (!idle) return undefined;
  const lastBlock = blocks.filter((end) => end <= rules.maxChars).at(-1);
  const sentence = lastMatch(
    SENTENCE_END,
    text,
    Math.min(rules.maxChars, openFence?.start ?? text.length),
    inFence,
  );
  const best = Math.max(lastBlock ?? 0, sentence ?? 0);
  return best > 0 ? best : undefined;
}

/** Fences with `end` past the text while still open (no closing line with its newline yet). */
function fencesOf(text: string): TextRange[] {
  const next = fenceFinder(text);
  const fences: TextRange[] = [];
  for (let fence = next(0); fence; fence = next(fence.end)) {
    const closed = fence.end < text.length && text[fence.end] === "\n" && fence.bodyEnd < fence.end;
    fences.push({ start: fence.start, end: closed ? fence.end + 1 : text.length + 1 });
    if (!closed) break;
  }
  return fences;
}

/** After each blank line outside code, and after each closed fence's last line. */
function blockEnds(text: string, fences: readonly TextRange[]): number[] {
  const ends = new Set<number>();
  for (const match of text.matchAll(BLANK_LINE)) {
    const end = match.index + match[0].length;
    if (!fences.some((fence) => match.index >= fence.start && match.index < fence.end)) ends.add(end);
  }
  for (const fence of fences) if (fence.end <= text.length) ends.add(fence.end);
  return [...ends].sort((a, b) => a - b);
}

/** A part at most `max` long: the best break before it, never inside a fence. */
function forcedBreak(
  text: string,
  max: number,
  blocks: readonly number[],
  fences: readonly TextRange[],
  inFence: (index: number) => boolean,
): number | undefined {
  // A closed fence whose closing line ends right at `max`: the part ends there; its newline opens the next.
  if (fences.some((fence) => fence.end === max + 1 && fence.end <= text.length)) return max;
  const straddling = fences.find((fence) => fence.start < max && fence.end > max);
  const limit = straddling ? straddling.start : max;
  if (limit === 0) {
    // The text opens with a fence longer than a part: it goes whole once it is closed.
    return straddling && straddling.end <= text.length ? straddling.end : undefined;
  }
  const block = blocks.filter((end) => end <= limit).at(-1);
  if (block !== undefined) return block;
  const line = text.lastIndexOf("\n", limit - 1);
  if (line > 0 && !inFence(line)) return line + 1;
  const sentence = lastMatch(SENTENCE_END, text, limit, inFence);
  if (sentence !== undefined) return sentence;
  const space = text.slice(0, limit + 1).search(/\s\S*$/);
  if (space > 0) return space;
  return graphemeBoundaryAtOrBefore(text, limit);
}

/** The end of the last match of `pattern` ending at or before `limit`, outside code. */
function lastMatch(
  pattern: RegExp,
  text: string,
  limit: number,
  inFence: (index: number) => boolean,
): number | undefined {
  let last: number | undefined;
  for (const match of text.matchAll(pattern)) {
    const end = match.index + match[0].length;
    if (end > limit) break;
    if (!inFence(end)) last = end;
  }
  return last;
}

let segmenter: Intl.Segmenter | undefined;

/** The last grapheme boundary at or before `index`, so no emoji or flag is cut in two. */
function graphemeBoundaryAtOrBefore(text: string, index: number): number {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  let boundary = 0;
  for (const { index: start } of segmenter.segment(text.slice(0, index + 64))) {
    if (start > index) break;
    boundary = start;
  }
  return boundary > 0 ? boundary : index;
}
