/**
 * Where a markdown text's fenced code blocks are. Code is the one part of a
 * model's reply that must reach the chat byte for byte, so every step that
 * rewrites prose (artefact removal, markdown reduction, chunking) asks here
 * first.
 */

/** A half-open range `[start, end)` of UTF-16 offsets into a string. */
export type TextRange = { start: number; end: number };

/** One fenced block: from its opening fence line to the end of its closing one. */
export type Fence = { start: number; bodyStart: number; bodyEnd: number; end: number };

// CommonMark fences are 3+ backticks or tildes, and a backtick fence's info
// string may not contain a backtick. CommonMark also caps the indentation at
// 3 spaces, but models indent fences under list items by 4 or more, and a
// line that opens with ``` is a fence in every reply seen in practice.
const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})([^\n]*)$/gm;

/**
 * Remembers the answer of a forward search ("the first match at or after
 * `from`"): asked again from a later point, the last answer holds while it
 * still lies ahead, so a left-to-right pass over a text scans it once instead of
 * once per step.
 */
export function memoForward<T>(
  search: (from: number) => T | undefined,
  at: (found: T) => number,
): (from: number) => T | undefined {
  let askedFrom = -1;
  let answer: T | undefined;
  return (from) => {
    if (askedFrom < 0 || from < askedFrom || (answer !== undefined && at(answer) < from)) {
      askedFrom = from;
      answer = search(from);
    }
    return answer;
  };
}

/**
 * Finds the fenced blocks of one text from left to right. The search for a
 * closing fence is remembered per kind of fence: an opener that is never
 * closed would otherwise send every later opener of its kind to the end of
 * the text again.
 */
export function fenceFinder(text: string): (from: number) => Fence | undefined {
  const open = new RegExp(FENCE_OPEN.source, FENCE_OPEN.flags);
  const closers = new Map<string, (from: number) => TextRange | undefined>();
  const closer = (marker: string) => {
    let find = closers.get(marker);
    if (!find) {
      const close = new RegExp(
        `^[ \\t]*${marker[0] === "`" ? "`" : "~"}{${marker.length},}[ \\t\\r]*$`,
        "gm",
      );
      find = memoForward(
        (from) => {
          close.lastIndex = from;
          const line = close.exec(text);
          return line ? { start: line.index, end: line.index + line[0].length } : undefined;
        },
        (line) => line.start,
      );
      closers.set(marker, find);
    }
    return find;
  };
  const readFence = (match: RegExpExecArray): Fence => {
    const marker = match[1] ?? "```";
    const openLineEnd = match.index + match[0].length;
    const bodyStart = Math.min(openLineEnd + 1, text.length);
    const closing = closer(marker)(bodyStart);
    if (closing === undefined)
      return { start: match.index, bodyStart, bodyEnd: text.length, end: text.length };
    // The body excludes the newline that ends its last line.
    return {
      start: match.index,
      bodyStart,
      bodyEnd: Math.max(bodyStart, closing.start - 1),
      end: closing.end,
    };
  };
  return memoForward(
    (from) => {
      open.lastIndex = from;
      for (let match = open.exec(text); match; match = open.exec(text)) {
        if (!((match[1] ?? "").startsWith("`") && (match[2] ?? "").includes("`"))) return readFence(match);
        open.lastIndex = match.index + match[0].length;
      }
      return undefined;
    },
    (fence) => fence.start,
  );
}

/** Fenced code blocks of a markdown text, fences included. */
export function findFencedBlocks(text: string): TextRange[] {
  const blocks: TextRange[] = [];
  const next = fenceFinder(text);
  for (let fence = next(0); fence; fence = next(fence.end + 1)) {
    blocks.push({ start: fence.start, end: fence.end });
    if (fence.end >= text.length) break;
  }
  return blocks;
}

/**
 * Whether an offset of `text` lies in an inline code span: a tag written
 * there (`` `<think>` ``) is prose about tags, not a tag. Built once per
 * text and answered by binary search, since counting the backticks from the
 * line's start for every tag made a long one-line reply quadratic.
 */
export function codeSpanLookup(text: string): (index: number) => boolean {
  const ticks = offsetsOf(text, "`");
  if (ticks.length === 0) return () => false;
  const newlines = offsetsOf(text, "\n");
  return (index) => {
    const lineStart = (newlines[countBelow(newlines, index) - 1] ?? -1) + 1;
    return (countBelow(ticks, index) - countBelow(ticks, lineStart)) % 2 === 1;
  };
}

function offsetsOf(text: string, char: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) found.push(i);
  return found;
}

/** How many of the sorted `values` are below `limit`. */
function countBelow(values: readonly number[], limit: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((values[mid] ?? 0) < limit) low = mid + 1;
    else high = mid;
  }
  return low;
}
