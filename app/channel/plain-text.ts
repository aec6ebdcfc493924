/**
 * Model output → the plain text a person reads in Messages.
 *
 * First the artefacts that must never reach a person are removed (thinking
 * blocks, `<final>` tags, reply directives, a leading role marker), then
 * markdown is reduced to readable plain text. Fenced code keeps its content
 * byte for byte; only the fence lines go.
 */

/** A half-open range `[start, end)` of UTF-16 offsets into a string. */
export type TextRange = { start: number; end: number };

/** Plain text plus where its code blocks are, so chunking can keep them whole. */
export type PlainReply = { text: string; codeRanges: TextRange[] };

type Segment = { kind: "prose"; text: string } | { kind: "code"; text: string };

type Fence = { start: number; bodyStart: number; bodyEnd: number; end: number };

// CommonMark fences: up to 3 spaces, then 3+ backticks or tildes; a backtick
// fence's info string may not contain a backtick.
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})([^\n]*)$/gm;
const THINK_OPEN = /<(?:think|thinking)\b[^>\n]*>/gi;
const THINK_CLOSE = /<\/(?:think|thinking)\s*>/gi;
const FINAL_TAG = /<\/?final\s*>/gi;
// [[reply_to: 42]], [[ reply_to : abc ]], [[reply_to_current]], [[audio_as_voice]]
const REPLY_DIRECTIVE =
  /[ \t]*\[\[\s*(?:reply_to_current|reply_to(?:\s*:[^\]\n]*)?|audio_as_voice)\s*\]\][ \t]*/gi;
const ROLE_MARKER = /^\s*assistant[ \t]*:[ \t]*/i;

/** The fenced block opening at `open` (a line start), closed by a matching fence or the end of the text. */
function readFence(text: string, open: RegExpExecArray): Fence {
  const marker = open[1] ?? "```";
  const openLineEnd = open.index + open[0].length;
  const bodyStart = Math.min(openLineEnd + 1, text.length);
  const close = new RegExp(`^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}[ \\t\\r]*$`, "gm");
  close.lastIndex = bodyStart;
  const closing = close.exec(text);
  if (!closing) return { start: open.index, bodyStart, bodyEnd: text.length, end: text.length };
  // The body excludes the newline that ends its last line.
  const bodyEnd = Math.max(bodyStart, closing.index - 1);
  return { start: open.index, bodyStart, bodyEnd, end: closing.index + closing[0].length };
}

function nextFence(text: string, from: number): Fence | undefined {
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
function insideCodeSpan(text: string, index: number): boolean {
  const lineStart = text.lastIndexOf("\n", index - 1) + 1;
  return (text.slice(lineStart, index).match(/`/g)?.length ?? 0) % 2 === 1;
}

function nextTag(pattern: RegExp, text: string, from: number): RegExpExecArray | undefined {
  pattern.lastIndex = from;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (!insideCodeSpan(text, match.index)) return match;
  }
  return undefined;
}

/**
 * Split model output into prose and code, dropping thinking blocks. One pass
 * from left to right, because each hides the other: a fence inside a
 * thinking block is reasoning, a `<think>` inside a fence is code.
 */
function splitSegments(text: string): Segment[] {
  let segments: Segment[] = [];
  let pos = 0;
  let sawThinking = false;
  const pushProse = (end: number) => {
    if (end > pos) segments.push({ kind: "prose", text: text.slice(pos, end) });
  };
  while (pos < text.length) {
    const fence = nextFence(text, pos);
    const open = nextTag(THINK_OPEN, text, pos);
    const close = nextTag(THINK_CLOSE, text, pos);
    const first = Math.min(fence?.start ?? Infinity, open?.index ?? Infinity, close?.index ?? Infinity);
    if (first === Infinity) break;
    pushProse(first);
    if (fence && fence.start === first) {
      segments.push({ kind: "code", text: text.slice(fence.bodyStart, fence.bodyEnd) });
      pos = fence.end;
    } else if (open && open.index === first) {
      sawThinking = true;
      const end = nextTag(THINK_CLOSE, text, open.index + open[0].length);
      pos = end ? end.index + end[0].length : text.length;
    } else if (close) {
      // A closing tag with no opening one: some models stream their reasoning
      // without the opening tag, so everything before it is reasoning.
      if (!sawThinking) segments = [];
      sawThinking = true;
      pos = close.index + close[0].length;
    }
  }
  pushProse(text.length);
  return segments;
}

function removeDirectives(prose: string): string {
  return prose.replace(FINAL_TAG, "").replace(REPLY_DIRECTIVE, (match, offset: number, whole: string) => {
    const before = whole[offset - 1];
    const after = whole[offset + match.length];
    // Keep one space between words the tag separated, none at a line edge.
    return before !== undefined && before !== "\n" && after !== undefined && after !== "\n" ? " " : "";
  });
}

// ---- markdown → plain text (prose only) ----

/** A private-use character absent from `text`, to stand in for protected spans. */
function pickSentinel(text: string): string {
  for (let code = 0xe000; code <= 0xf8ff; code++) {
    const char = String.fromCharCode(code);
    if (!text.includes(char)) return char;
  }
  return "\u0000";
}

function renderLink(label: string, url: string): string {
  const bareUrl = url.replace(/^(?:https?:\/\/|mailto:)/i, "").replace(/\/$/, "");
  if (label === "" || label === url) return url;
  if (url.toLowerCase().startsWith("mailto:") && label === bareUrl) return label;
  if (label === bareUrl) return url;
  return `${label} (${url})`;
}

// Emphasis needs a non-word character outside each delimiter and a non-space
// inside, so snake_case names and arithmetic such as 2*3*4 stay as written.
const EMPHASIS = [
  /(?<![\p{L}\p{N}*])\*\*\*(?![\s*])(.+?)(?<![\s*])\*\*\*(?![\p{L}\p{N}*])/gu,
  /(?<![\p{L}\p{N}*])\*\*(?![\s*])(.+?)(?<![\s*])\*\*(?![\p{L}\p{N}*])/gu,
  /(?<![\p{L}\p{N}_])__(?![\s_])(.+?)(?<![\s_])__(?![\p{L}\p{N}_])/gu,
  /(?<![\p{L}\p{N}*])\*(?![\s*])(.+?)(?<![\s*])\*(?![\p{L}\p{N}*])/gu,
  /(?<![\p{L}\p{N}_])_(?![\s_])(.+?)(?<![\s_])_(?![\p{L}\p{N}_])/gu,
];

function reduceEmphasis(text: string): string {
  // Most replies have no delimiter at all; the Unicode classes above cost ICU data to compile.
  if (!text.includes("*") && !text.includes("_")) return text;
  return EMPHASIS.reduce((acc, pattern) => acc.replace(pattern, "$1"), text);
}

/** Inline markdown of one line: code spans, links, images, emphasis, escapes. */
function reduceInline(line: string): string {
  const sentinel = pickSentinel(line);
  const kept: string[] = [];
  const keep = (rendered: string) => `${sentinel}${kept.push(rendered) - 1}${sentinel}`;
  const out = line
    .replace(/(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)/g, (_m, _ticks: string, code: string) =>
      keep(/^ .*[^ ].* $/.test(code) ? code.slice(1, -1) : code),
    )
    .replace(/\\([!-/:-@[-`{-~])/g, (_m, char: string) => keep(char))
    .replace(
      /!?\[([^[\]]*)\]\(\s*<?([^\s<>()]*(?:\([^\s<>()]*\)[^\s<>()]*)*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g,
      (_m, label: string, url: string) => keep(renderLink(reduceEmphasis(label).trim(), url)),
    )
    .replace(/<((?:https?:\/\/|mailto:)[^\s<>]+|[^\s<>@]+@[^\s<>@]+)>/gi, (_m, url: string) => keep(url))
    .replace(/\bhttps?:\/\/[^\s<>]*[^\s<>*_~.,;:!?'")\]]/gi, (url) => keep(url));
  const restore = new RegExp(`${sentinel}(\\d+)${sentinel}`, "g");
  const reduced = reduceEmphasis(out);
  // Restoring twice resolves a link label that itself held a code span.
  const once = reduced.replace(restore, (_m, index: string) => kept[Number(index)] ?? "");
  return once.replace(restore, (_m, index: string) => kept[Number(index)] ?? "");
}

const HORIZONTAL_RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}=+[ \t]*$/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const BLOCKQUOTE = /^ {0,3}>[ \t]?(.*)$/;
const BULLET = /^([ \t]*)[-*+][ \t]+(.*)$/;
const NUMBERED = /^([ \t]*)(\d{1,9}[.)])[ \t]+(.*)$/;
const TABLE_DELIMITER = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

function reduceLine(line: string): string | null {
  if (HORIZONTAL_RULE.test(line)) return null;
  const heading = HEADING.exec(line);
  if (heading) return reduceInline(heading[1] ?? "");
  const quote = BLOCKQUOTE.exec(line);
  if (quote) return `> ${reduceLine(quote[1] ?? "") ?? ""}`.trimEnd();
  const bullet = BULLET.exec(line);
  if (bullet) return `${bullet[1]}• ${reduceInline(bullet[2] ?? "")}`;
  const numbered = NUMBERED.exec(line);
  if (numbered) return `${numbered[1]}${numbered[2]} ${reduceInline(numbered[3] ?? "")}`;
  return reduceInline(line);
}

function reduceTableRow(line: string): string {
  const cells = line.trim().split(/(?<!\\)\|/);
  if (line.trim().startsWith("|")) cells.shift();
  if (line.trim().endsWith("|") && cells.length > 0) cells.pop();
  return cells.map((cell) => reduceInline(cell.trim())).join(" | ");
}

function reduceMarkdown(prose: string): string {
  const lines = prose.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const next = lines[i + 1] ?? "";
    if (line.includes("|") && next.includes("|") && TABLE_DELIMITER.test(next)) {
      out.push(reduceTableRow(line));
      for (i += 2; i < lines.length && (lines[i] ?? "").includes("|"); i++)
        out.push(reduceTableRow(lines[i] ?? ""));
      i--;
      continue;
    }
    if (SETEXT_UNDERLINE.test(line) && (lines[i - 1] ?? "").trim() !== "") continue;
    const reduced = reduceLine(line);
    if (reduced !== null) out.push(reduced.trimEnd());
  }
  return out.join("\n").replace(/\n{3,}/g, "\n\n");
}

/** Artefacts removed, markdown reduced, with the ranges of code blocks in the result. */
export function toPlainReply(modelText: string): PlainReply {
  const segments = splitSegments(modelText);
  const first = segments[0];
  if (first?.kind === "prose") first.text = first.text.replace(ROLE_MARKER, "");

  let text = "";
  const codeRanges: TextRange[] = [];
  for (const segment of segments) {
    if (segment.kind === "code") {
      codeRanges.push({ start: text.length, end: text.length + segment.text.length });
      text += segment.text;
    } else {
      text += reduceMarkdown(removeDirectives(segment.text));
    }
  }
  return trimReply(text, codeRanges);
}

/** Trim the message, keeping the indentation of a code line that opens it. */
function trimReply(text: string, codeRanges: TextRange[]): PlainReply {
  const firstContent = text.search(/\S/);
  if (firstContent === -1) return { text: "", codeRanges: [] };
  const inCode = codeRanges.some((r) => r.start <= firstContent && firstContent < r.end);
  const start = inCode ? text.lastIndexOf("\n", firstContent) + 1 : firstContent;
  const end = text.trimEnd().length;
  const ranges = codeRanges
    .map((r) => ({ start: Math.max(r.start, start) - start, end: Math.min(r.end, end) - start }))
    .filter((r) => r.end > r.start);
  return { text: text.slice(start, end), codeRanges: ranges };
}

/** Model output reduced to the plain text a person should read. */
export function toPlainText(modelText: string): string {
  return toPlainReply(modelText).text;
}
