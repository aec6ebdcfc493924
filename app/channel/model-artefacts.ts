/**
 * The parts of a model's output that must never reach a person: reasoning
 * blocks, injected memories, `<final>` tags, reply directives, chat-template
 * tokens, tool-call headers, separator lines and a leading role marker.
 *
 * Fenced code is never touched: a `<think>` tag or a `+#+#` line inside a
 * fence is code the person asked for. Reasoning hides code too, so both are
 * found in one pass from left to right.
 */
import { codeSpanLookup, type Fence, fenceFinder, memoForward } from "./markdown-fences.ts";

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

// The spaces before an inline tag go with it. Taken only from the start of a run of spaces:
// tried from every space of a long run, the match would rescan the run each time.
const LEADING_SPACE = String.raw`(?:(?<![ \t])[ \t]+)?`;
const FINAL_TAG = /<\s*\/?\s*final\s*>/gi;
const EMPTY_REASONING = new RegExp(
  String.raw`${LEADING_SPACE}<\s*${REASONING_NAME}(?=[\s/])[^<>\n]*/\s*>[ \t]*`,
  "gi",
);
// [[reply_to: 42]], [[ reply_to : abc ]], [[reply_to_current]], [[audio_as_voice]]
const REPLY_DIRECTIVE = new RegExp(
  String.raw`${LEADING_SPACE}\[\[\s*(?:reply_to_current|reply_to(?:\s*:[^\]\n]*)?|audio_as_voice)\s*\]\][ \t]*`,
  "gi",
);
const ROLE_MARKER = /^\s*assistant[ \t]*:[ \t]*/i;
// Chat-template tokens such as <|im_end|>, <|assistant|> or <|channel|>, also with full-width bars.
const TEMPLATE_TOKEN = new RegExp(String.raw`${LEADING_SPACE}<[|｜][^|｜\n]{0,40}[|｜]>[ \t]*`, "g");
// A tool call written out as text: "assistant to=functions.read", "commentary to=browser.open"
// (the harmony format), possibly led by template tokens. The whole line goes.
const TOOL_ADDRESS_LINE =
  /^[ \t]*(?:<[|｜][^|｜\n]{0,40}[|｜]>)*(?:assistant|commentary|analysis|final)[ \t]+to=[^\n]*(?:\n|$)/gim;
// A separator some models put between turns or sections: +#+#, +#+#+#+#+#+ and so on.
const SEPARATOR_LINE = /^[ \t]*(?=[+#]*\+#\+#)[+#]{4,}[ \t]*(?:\n|$)/gm;

type Found =
  | { kind: "fence"; at: number; end: number; body: string }
  | { kind: "open" | "close"; at: number; end: number; block: HiddenBlock };

type Tag = { at: number; end: number };

/**
 * The searches of one pass over one text. Each remembers its last answer, so
 * the pass reads the text about once however many tags and fences it holds.
 */
function markerSearch(text: string) {
  const inCodeSpan = codeSpanLookup(text);
  const tagFinder = (pattern: RegExp) => {
    const own = new RegExp(pattern.source, pattern.flags);
    return memoForward<Tag>(
      (from) => {
        own.lastIndex = from;
        for (let match = own.exec(text); match; match = own.exec(text)) {
          if (!inCodeSpan(match.index)) return { at: match.index, end: match.index + match[0].length };
        }
        return undefined;
      },
      (tag) => tag.at,
    );
  };
  const tags = HIDDEN_BLOCKS.map((block) => ({
    block,
    open: tagFinder(block.open),
    close: tagFinder(block.close),
  }));
  const fences = fenceFinder(text);

  /** The first fence or hidden-block tag at or after `from`. */
  const next = (from: number): Found | undefined => {
    let first: Found | undefined;
    const fence: Fence | undefined = fences(from);
    if (fence)
      first = {
        kind: "fence",
        at: fence.start,
        end: fence.end,
        body: text.slice(fence.bodyStart, fence.bodyEnd),
      };
    for (const { block, open, close } of tags) {
      for (const [kind, find] of [
        ["open", open],
        ["close", close],
      ] as const) {
        const tag = find(from);
        if (tag && (first === undefined || tag.at < first.at))
          first = { kind, at: tag.at, end: tag.end, block };
      }
    }
    return first;
  };
  /** Where the block opened by a tag ending at `from` ends: past its closing tag, or the end of the text. */
  const blockEnd = (block: HiddenBlock, from: number): number =>
    tags.find((entry) => entry.block === block)?.close(from)?.end ?? text.length;
  return { next, blockEnd };
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
  const search = markerSearch(text);
  const pushProse = (end: number) => {
    if (end > pos) segments.push({ kind: "prose", text: text.slice(pos, end) });
  };
  for (let found = search.next(pos); found; found = search.next(pos)) {
    pushProse(found.at);
    if (found.kind === "fence") {
      segments.push({ kind: "code", text: found.body });
      pos = found.end;
    } else if (found.kind === "open") {
      sawHidden = true;
      pos = search.blockEnd(found.block, found.end);
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
  // Each step reads the text the one before left, so each finds the code spans of its own input.
  const steps: [RegExp, (tag: string, offset: number, whole: string) => string][] = [
    [FINAL_TAG, () => ""],
    [TEMPLATE_TOKEN, removeTag],
    [EMPTY_REASONING, removeTag],
    [REPLY_DIRECTIVE, removeTag],
  ];
  return steps.reduce(
    (text, [pattern, replace]) => replaceOutsideCodeSpans(text, pattern, replace),
    prose.replace(TOOL_ADDRESS_LINE, "").replace(SEPARATOR_LINE, ""),
  );
}

/** `text.replace(pattern, replace)`, leaving every match that starts inside a code span as it is. */
function replaceOutsideCodeSpans(
  text: string,
  pattern: RegExp,
  replace: (match: string, offset: number, whole: string) => string,
): string {
  const inCodeSpan = codeSpanLookup(text);
  // The patterns have no capture groups, so the offset is the second argument.
  return text.replace(pattern, (match: string, offset: number) =>
    inCodeSpan(offset) ? match : replace(match, offset, text),
  );
}

/**
 * A tag (with the spaces around it) goes; one space stays
 * between the words it separated, none at a line edge.
 */
function removeTag(tag: string, offset: number, whole: string): string {
  const before = whole[offset - 1];
  const after = whole[offset + tag.length];
  return before !== undefined && before !== "\n" && after !== undefined && after !== "\n" ? " " : "";
}
