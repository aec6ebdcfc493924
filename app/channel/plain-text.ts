/**
 * Model output → the plain text a person reads in Messages.
 *
 * First the artefacts that must never reach a person are removed
 * (`model-artefacts.ts`), then markdown is reduced to readable plain text.
 * Code is never rewritten: fenced code keeps its content byte for byte (only
 * the fence lines go), and an inline code span keeps its content between the
 * ticks.
 */
import type { TextRange } from "./markdown-fences.ts";
import { removeProseArtefacts, splitSegments } from "./model-artefacts.ts";
import { cutText } from "./reply-cap.ts";

/**
 * Plain text plus where its code blocks are, so chunking can keep them whole;
 * `cut` when the model's text went past the length asked for.
 */
export type PlainReply = { text: string; codeRanges: TextRange[]; cut: boolean };

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

/**
 * One emphasis delimiter (`***`, `**`, `__`, `*`, `_`) as a pattern. It opens
 * after a space, a line start or opening punctuation and closes before a
 * space, a line end or closing punctuation, with no space just inside either
 * side, and the text between holds no other opener of its kind (so
 * `_private and _this_` reduces only `_this_`). Code written in prose keeps
 * its delimiters that way: snake_case names, `2*3*4`, `(2+3)*(4+5)*(6)` and
 * glob paths.
 */
function emphasisPattern(delimiter: string): RegExp {
  const d = delimiter.replace(/\*/g, "\\*");
  const c = delimiter[0] === "*" ? "\\*" : "_";
  // What may stand before an opener: not a word, not the delimiter, not closing punctuation or a path.
  const notAfter = `\\p{L}\\p{N}${c})\\]}/\\\\`;
  const opener = `(?<![${notAfter}])${d}(?![\\s${c}])`;
  const innerOpener = `[^${notAfter}\\n]${d}[\\p{L}\\p{N}]`;
  const closer = `(?<![\\s${c}/])${d}(?![\\p{L}\\p{N}${c}(\\[{])`;
  return new RegExp(`${opener}((?:(?!${innerOpener})[^\\n])+?)${closer}`, "gu");
}

/**
 * `__init__`, `__main__.py` and `_foo_bar_` are names, not emphasis: a word
 * between underscores stays as written when the delimiter is doubled (Python's
 * dunder names) or the word holds underscores itself. A single `_word_` is
 * still emphasis.
 */
function isUnderscoredName(delimiter: string, content: string): boolean {
  if (delimiter[0] !== "_" || !/^[\p{L}\p{N}_]+$/u.test(content)) return false;
  return delimiter === "__" || content.includes("_");
}

const DELIMITERS = ["***", "**", "__", "*", "_"] as const;
// Made on the first reply with a delimiter: the Unicode classes cost ICU data to compile.
let emphasis: { delimiter: string; pattern: RegExp }[] | undefined;

function reduceEmphasis(text: string): string {
  if (!text.includes("*") && !text.includes("_")) return text;
  emphasis ??= DELIMITERS.map((delimiter) => ({ delimiter, pattern: emphasisPattern(delimiter) }));
  return emphasis.reduce(
    (acc, { delimiter, pattern }) =>
      acc.replace(pattern, (match, content: string) =>
        isUnderscoredName(delimiter, content) ? match : content,
      ),
    text,
  );
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
const QUOTE_MARKER = /^ {0,3}>[ \t]?/;
const BULLET = /^([ \t]*)[-*+][ \t]+(.*)$/;
const NUMBERED = /^([ \t]*)(\d{1,9}[.)])[ \t]+(.*)$/;
const TABLE_DELIMITER = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/**
 * One line of prose. Quote markers are taken off in a loop, each shown as
 * "> ": a line of thousands of ">" recursed past the stack, and matching the
 * rest of the line again at every level made it quadratic.
 */
function reduceLine(line: string): string | null {
  let depth = 0;
  let rest = line;
  const quoted = (text: string) => (depth === 0 ? text : `${"> ".repeat(depth)}${text}`.trimEnd());
  for (;;) {
    if (HORIZONTAL_RULE.test(rest)) return depth === 0 ? null : quoted("");
    const heading = HEADING.exec(rest);
    if (heading) return quoted(reduceInline(heading[1] ?? ""));
    const marker = QUOTE_MARKER.exec(rest);
    if (!marker) break;
    depth++;
    rest = rest.slice(marker[0].length);
  }
  const bullet = BULLET.exec(rest);
  if (bullet) return quoted(`${bullet[1]}• ${reduceInline(bullet[2] ?? "")}`);
  const numbered = NUMBERED.exec(rest);
  if (numbered) return quoted(`${numbered[1]}${numbered[2]} ${reduceInline(numbered[3] ?? "")}`);
  return quoted(reduceInline(rest));
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

/**
 * Artefacts removed, markdown reduced, with the ranges of code blocks in the
 * result. Past `maxLength` characters of result the rest is not formatted
 * (it would not be sent): the whole text is still searched for hidden blocks,
 * since a closing reasoning tag late in it hides everything before it.
 */
export function toPlainReply(modelText: string, maxLength = Number.POSITIVE_INFINITY): PlainReply {
  const segments = splitSegments(modelText);

  let text = "";
  let cut = false;
  const codeRanges: TextRange[] = [];
  for (const segment of segments) {
    const room = maxLength - text.length;
    if (room <= 0) {
      cut = true;
      break;
    }
    if (segment.kind === "code") {
      const code = cutText(segment.text, room);
      codeRanges.push({ start: text.length, end: text.length + code.length });
      text += code;
    } else {
      text += reduceMarkdown(removeProseArtefacts(proseWithin(segment.text, room)));
    }
    cut ||= text.length > maxLength || segment.text.length > room;
  }
  return { ...trimReply(text, codeRanges), cut };
}

/**
 * At most `room` characters of prose, ended at a line break when there is one:
 * artefacts and markdown are line by line, so a whole line is never half a tag.
 */
function proseWithin(prose: string, room: number): string {
  if (prose.length <= room) return prose;
  const lineEnd = prose.lastIndexOf("\n", room);
  return lineEnd > 0 ? prose.slice(0, lineEnd) : cutText(prose, room);
}

/** Trim the message, keeping the indentation of a code line that opens it. */
function trimReply(text: string, codeRanges: TextRange[]): Omit<PlainReply, "cut"> {
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
