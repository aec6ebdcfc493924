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

/** The fenced block opening at `open` (a line start), closed by a matching fence or the end of the text. */
function readFence(text: string, open: RegExpExecArray): Fence {
  const marker = open[1] ?? "```";
  const openLineEnd = open.index + open[0].length;
  const bodyStart = Math.min(openLineEnd + 1, text.length);
  const close = new RegExp(`^[ \\t]*${marker[0] === "`" ? "`" : "~"}{${marker.length},}[ \\t\\r]*$`, "gm");
  close.lastIndex = bodyStart;
  const closing = close.exec(text);
  if (!closing) return { start: open.index, bodyStart, bodyEnd: text.length, end: text.length };
  // The body excludes the newline that ends its last line.
  const bodyEnd = Math.max(bodyStart, closing.index - 1);
  return { start: open.index, bodyStart, bodyEnd, end: closing.index + closing[0].length };
}

/** The first fenced block that opens at or after `from`. */
export function nextFence(text: string, from: number): Fence | undefined {
  FENCE_OPEN.lastIndex = from;
  for (let open = FENCE_OPEN.exec(text); open; open = FENCE_OPEN.exec(text)) {
    if (!((open[1] ?? "").startsWith("`") && (open[2] ?? "").includes("`"))) return readFence(text, open);
    FENCE_OPEN.lastIndex = open.index + open[0].length;
  }
  return undefined;
}

/** Fenced code blocks of a markdown text, fences included. */
export function findFencedBlocks(text: string): TextRange[] {
  const blocks: TextRange[] = [];
  for (let fence = nextFence(text, 0); fence; fence = nextFence(text, fence.end + 1)) {
    blocks.push({ start: fence.start, end: fence.end });
    if (fence.end >= text.length) break;
  }
  return blocks;
}

/** A tag written inside an inline code span (`` `<think>` ``) is prose about tags, not a tag. */
export function insideCodeSpan(text: string, index: number): boolean {
  const lineStart = text.lastIndexOf("\n", index - 1) + 1;
  return (text.slice(lineStart, index).match(/`/g)?.length ?? 0) % 2 === 1;
}
