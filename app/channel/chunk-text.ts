/**
 * Outbound text → messages of at most `limit` characters.
 *
 * Characters are UTF-16 code units (`String.length`), as the reference counts
 * `textChunkLimit`; a chunk never exceeds the limit in that unit. Breaks fall
 * on grapheme boundaries (`Intl.Segmenter`), so an emoji ZWJ sequence, a flag,
 * a skin-tone modifier or a surrogate pair is never cut in two; only a single
 * grapheme longer than the limit is cut, between code points.
 *
 * The whitespace at a break is dropped, nothing else: joining the chunks with
 * the whitespace that was between them gives back the text.
 */

import type { TextRange } from "./markdown-fences.ts";
import { findFencedBlocks } from "./markdown-fences.ts";

export type ChunkMode = "length" | "newline";

export type ChunkOptions = {
  limit: number;
  mode: ChunkMode;
  /**
   * Ranges never split unless one alone exceeds the limit (code blocks).
   * Defaults to the fenced code blocks found in `text`.
   */
  keepTogether?: readonly TextRange[];
};

// One astral character (a surrogate pair) must fit in a chunk.
const MIN_LIMIT = 2;

// Made on the first split: loading ICU's break rules costs a few MB, and most replies fit in one chunk.
let segmenter: Intl.Segmenter | undefined;
function graphemes(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  return segmenter;
}

function isSpace(char: string | undefined): boolean {
  return char !== undefined && /\s/.test(char);
}

function isLineStart(text: string, index: number): boolean {
  return index === 0 || text[index - 1] === "\n";
}

/**
 * Whether a grapheme starts at `index`. Segmentation must start from a known
 * boundary: a run of regional indicators (flags pair up from the left) or a
 * long ZWJ sequence reaches back further than the neighbouring code points,
 * so the look starts at a space or newline well before `index`.
 */
/** Far enough for any real grapheme cluster (the longest emoji ZWJ sequences are a few dozen units). */
const MAX_LOOK_BACK = 1_024;

/** A UTF-16 unit of a regional indicator (U+1F1E6–U+1F1FF: high surrogate D83C, low DDE6–DDFF). */
function isRegionalIndicatorHalf(unit: number): boolean {
  return unit === 0xd83c || (unit >= 0xdde6 && unit <= 0xddff);
}

function startsGrapheme(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return true;
  let from = Math.max(0, index - 64);
  // Bounded, so text without spaces costs the same per cut wherever the cut falls; past the
  // bound, a run of regional indicators is followed to its start (flags pair up from the left).
  const floor = Math.max(0, index - MAX_LOOK_BACK);
  while (from > floor && !/[ \n]/.test(text[from - 1] ?? "")) from--;
  if (from === floor) while (from > 0 && isRegionalIndicatorHalf(text.charCodeAt(from - 1))) from--;
  for (const { index: start } of graphemes().segment(text.slice(from, index + 16))) {
    if (from + start === index) return true;
    if (from + start > index) return false;
  }
  return false;
}

function trimEnd(text: string, from: number, end: number): number {
  let e = end;
  while (e > from && isSpace(text[e - 1])) e--;
  // A prepended mark (an Arabic number sign, say) holds on to the space after it.
  while (e < end && !startsGrapheme(text, e)) e++;
  return e;
}

function firstContent(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isSpace(text[i])) i++;
  return i;
}

function inside(ranges: readonly TextRange[], index: number): TextRange | undefined {
  return ranges.find((r) => r.start <= index && index < r.end);
}

/**
 * Where the chunk after a break at `cut` starts: past the break whitespace,
 * but at the start of the line when that line is code (its indentation is
 * content), and on the space that carries a combining mark.
 */
function nextStart(text: string, cut: number, to: number, code: readonly TextRange[]): number {
  const p = firstContent(text, cut, to);
  if (p >= to) return to;
  const range = inside(code, p);
  const lineStart = Math.max(cut, lastNewline(text, p - 1, cut - 1) + 1);
  if (range && (lineStart > cut || isLineStart(text, cut))) return Math.max(lineStart, range.start);
  return p > cut && !startsGrapheme(text, p) ? p - 1 : p;
}

/**
 * The last newline at or before `from` and after `floor`, else -1: a
 * `lastIndexOf` that stops at `floor`, so a text without newlines costs each
 * chunk its own length, not everything before it.
 */
function lastNewline(text: string, from: number, floor: number): number {
  for (let i = Math.min(from, text.length - 1); i > floor; i--) if (text.charCodeAt(i) === 10) return i;
  return -1;
}

/** Where to end a chunk that starts at `pos` (content from `content`): a position in `(content, pos + limit]`. */
function findBreak(
  text: string,
  pos: number,
  content: number,
  limit: number,
  atomic: readonly TextRange[],
): number {
  const max = pos + limit;
  const allowed = (i: number) => !atomic.some((r) => r.start < i && i < r.end);
  const endsOnBoundary = (i: number) => startsGrapheme(text, trimEnd(text, pos, i));

  for (let i = lastNewline(text, max, content); i > content; i = lastNewline(text, i - 1, content)) {
    if (allowed(i) && endsOnBoundary(i)) return i;
  }
  for (let i = max; i > content; i--) {
    if (isSpace(text[i]) && allowed(i) && endsOnBoundary(i)) return i;
  }
  let cut = -1;
  // Look past the limit: a flag or ZWJ sequence straddling it must be seen whole to be kept whole.
  for (const { index } of graphemes().segment(text.slice(pos, max + 16))) {
    const boundary = pos + index;
    if (boundary > content && boundary <= max && allowed(boundary)) cut = boundary;
  }
  if (cut !== -1) return cut;
  // A single grapheme longer than the limit: cut between code points.
  const high = text.charCodeAt(max - 1);
  return high >= 0xd800 && high <= 0xdbff ? max - 1 : max;
}

function chunkRegion(
  text: string,
  from: number,
  to: number,
  limit: number,
  keep: readonly TextRange[],
  out: string[],
): void {
  const atomic = keep.filter((r) => r.end - r.start <= limit);
  let pos = nextStart(text, from, to, keep);
  while (pos < to) {
    const content = firstContent(text, pos, to);
    if (content >= to) return;
    // Indentation that leaves no room for a character is dropped, not sent alone.
    if (content - pos >= limit - 1) pos = content;
    if (to - pos <= limit) {
      out.push(text.slice(pos, trimEnd(text, pos, to)));
      return;
    }
    const cut = findBreak(text, pos, content, limit, atomic);
    out.push(text.slice(pos, trimEnd(text, pos, cut)));
    pos = nextStart(text, cut, to, keep);
  }
}

/** Paragraphs separated by blank lines, never inside a kept range. */
function paragraphs(text: string, keep: readonly TextRange[]): TextRange[] {
  const found: TextRange[] = [];
  let start = 0;
  for (const separator of text.matchAll(/\n(?:[^\S\n]*\n)+/g)) {
    const end = separator.index;
    const sepEnd = end + separator[0].length;
    if (keep.some((r) => end < r.end && r.start < sepEnd)) continue;
    found.push({ start, end });
    start = sepEnd;
  }
  found.push({ start, end: text.length });
  return found;
}

/**
 * Split outbound text into messages; see the module comment for the rules.
 * Never returns empty or whitespace-only chunks. A limit below 2 (or NaN)
 * counts as 2; `Infinity` means one message.
 */
export function chunkText(text: string, options: ChunkOptions): string[] {
  const limit = Math.max(MIN_LIMIT, Math.floor(options.limit) || MIN_LIMIT);
  const keep = options.keepTogether ?? findFencedBlocks(text);
  const out: string[] = [];
  if (options.mode === "newline") {
    for (const { start, end } of paragraphs(text, keep)) chunkRegion(text, start, end, limit, keep, out);
  } else {
    chunkRegion(text, 0, text.length, limit, keep, out);
  }
  return out;
}
