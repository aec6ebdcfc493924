/**
 * The parts of a model's output that must never reach a person: reasoning
 * blocks, injected memories, `<final>` tags, reply directives, chat-template
 * tokens, tool-call headers, separator lines and a leading role marker.
 *
 * Fenced code is never touched: a `<think>` tag or a `+#+#` line inside a
 * fence is code the person asked for. Reasoning hides code too, so both are
 * found in one pass from left to right.
 */
import { insideCodeSpan, nextFence } from "./markdown-fences.ts";

/** Model output split into prose (still markdown, artefacts inside it) and code (verbatim). */
export type Segment = { kind: "prose"; text: string } | { kind: "code"; text: string };

/** A tagged block whose content is dropped with its tags. */
type HiddenBlock = {
  open: RegExp;
  close: RegExp;
  /** A closing tag with no opening one hides everything before it. */
  closeHidesBefore: boolean;
};

// The reasoning tags models and providers use, with the namespaced forms some emit.
const REASONING_NAME = `(?:(?:antml|mm):)?(?:think|thinking|thought|reasoning|antthinking)`;

const HIDDEN_BLOCKS: readonly HiddenBlock[] = [
  {
    // Not a self-closing tag: `<think/>` is an empty block (EMPTY_REASONING), and hides nothing.
    open: new RegExp(String.raw`<\s*${REASONING_NAME}(?=[\s/>])[^<>\n]*(?<!/)>`, "gi"),
    close: new RegExp(String.raw`<\s*/\s*${REASONING_NAME}\s*>`, "gi"),
    // Some models stream their reasoning without the opening tag.
    closeHidesBefore: true,
  },
  {
    // Memories a memory plugin put into the prompt, which some models repeat.
    open: /<\s*relevant[-_]memories\b[^<>\n]*>/gi,
    close: /<\s*\/\s*relevant[-_]memories\s*>/gi,
    closeHidesBefore: false,
  },
];

const FINAL_TAG = /<\s*\/?\s*final\s*>/gi;
const EMPTY_REASONING = new RegExp(String.raw`[ \t]*<\s*${REASONING_NAME}(?=[\s/])[^<>\n]*/\s*>[ \t]*`, "gi");
// [[reply_to: 42]], [[ reply_to : abc ]], [[reply_to_current]], [[audio_as_voice]]
const REPLY_DIRECTIVE =
  /[ \t]*\[\[\s*(?:reply_to_current|reply_to(?:\s*:[^\]\n]*)?|audio_as_voice)\s*\]\][ \t]*/gi;
const ROLE_MARKER = /^\s*assistant[ \t]*:[ \t]*/i;
// Chat-template tokens such as <|im_end|>, <|assistant|> or <|channel|>, also with full-width bars.
const TEMPLATE_TOKEN = /[ \t]*<[|｜][^|｜\n]{0,40}[|｜]>[ \t]*/g;
// A tool call written out as text: "assistant to=functions.read", "commentary to=browser.open"
// (the harmony format), possibly led by template tokens. The whole line goes.
const TOOL_ADDRESS_LINE =
  /^[ \t]*(?:<[|｜][^|｜\n]{0,40}[|｜]>)*(?:assistant|commentary|analysis|final)[ \t]+to=[^\n]*(?:\n|$)/gim;
// A separator some models put between turns or sections: +#+#, +#+#+#+#+#+ and so on.
const SEPARATOR_LINE = /^[ \t]*(?=[+#]*\+#\+#)[+#]{4,}[ \t]*(?:\n|$)/gm;

function nextTag(pattern: RegExp, text: string, from: number): RegExpExecArray | undefined {
  pattern.lastIndex = from;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (!insideCodeSpan(text, match.index)) return match;
  }
  return undefined;
}

type Found =
  | { kind: "fence"; at: number; end: number; body: string }
  | { kind: "open" | "close"; at: number; end: number; block: HiddenBlock };

/** The first fence or hidden-block tag at or after `from`. */
function nextMarker(text: string, from: number): Found | undefined {
  let first: Found | undefined;
  const fence = nextFence(text, from);
  if (fence)
    first = {
      kind: "fence",
      at: fence.start,
      end: fence.end,
      body: text.slice(fence.bodyStart, fence.bodyEnd),
    };
  for (const block of HIDDEN_BLOCKS) {
    for (const kind of ["open", "close"] as const) {
      const tag = nextTag(block[kind], text, from);
      if (tag && (first === undefined || tag.index < first.at))
        first = { kind, at: tag.index, end: tag.index + tag[0].length, block };
    }
  }
  return first;
}

/**
 * Model output as prose and code, hidden blocks dropped. One pass from left to
 * right, because each hides the other: a fence inside a thinking block is
 * reasoning, a `<think>` inside a fence is code.
 */
export function splitSegments(text: string): Segment[] {
  let segments: Segment[] = [];
  let pos = 0;
  let sawHidden = false;
  const pushProse = (end: number) => {
    if (end > pos) segments.push({ kind: "prose", text: text.slice(pos, end) });
  };
  for (let found = nextMarker(text, pos); found; found = nextMarker(text, pos)) {
    pushProse(found.at);
    if (found.kind === "fence") {
      segments.push({ kind: "code", text: found.body });
      pos = found.end;
    } else if (found.kind === "open") {
      sawHidden = true;
      const close = nextTag(found.block.close, text, found.end);
      pos = close ? close.index + close[0].length : text.length;
    } else {
      if (found.block.closeHidesBefore && !sawHidden) segments = [];
      sawHidden = true;
      pos = found.end;
    }
  }
  pushProse(text.length);
  const first = segments[0];
  if (first?.kind === "prose") first.text = first.text.replace(ROLE_MARKER, "");
  return segments;
}

/** Prose (never code) with its inline and line artefacts removed. */
export function removeProseArtefacts(prose: string): string {
  return prose
    .replace(TOOL_ADDRESS_LINE, "")
    .replace(SEPARATOR_LINE, "")
    .replace(FINAL_TAG, (tag, offset: number, whole: string) => (insideCodeSpan(whole, offset) ? tag : ""))
    .replace(TEMPLATE_TOKEN, removeTag)
    .replace(EMPTY_REASONING, removeTag)
    .replace(REPLY_DIRECTIVE, removeTag);
}

/**
 * A tag (with the spaces around it) outside a code span goes; one space stays
 * between the words it separated, none at a line edge.
 */
function removeTag(tag: string, offset: number, whole: string): string {
  if (insideCodeSpan(whole, offset)) return tag;
  const before = whole[offset - 1];
  const after = whole[offset + tag.length];
  return before !== undefined && before !== "\n" && after !== undefined && after !== "\n" ? " " : "";
}
