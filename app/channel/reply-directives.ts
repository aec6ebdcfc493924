/**
 * What a model's reply asks for besides its words, as the reference's reply
 * protocol writes it: files to attach (`MEDIA:` lines) and the message to
 * thread the reply under (`[[reply_to_current]]`, `[[reply_to:<id>]]`).
 *
 * A `MEDIA:` line counts only on a line of its own, outside fenced and
 * indented code, with at most three spaces before it (CommonMark's rule for
 * what is still a paragraph); anything else (`**MEDIA:…**`, inline prose, a
 * code example) stays text. A reference may be double-quoted when punctuation
 * belongs to it. Reply tags are removed wherever they appear outside code,
 * whether or not they can be honoured: a chat never sees them.
 */

export type ReplyTarget = { kind: "current" } | { kind: "id"; id: string };

export interface ReplyDirectives {
  /** The reply without its `MEDIA:` lines and reply tags. */
  text: string;
  /** The references as written: an absolute or `~/` path, or an http(s) URL. */
  media: string[];
  /** The first reply tag, if any. */
  replyTo?: ReplyTarget;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const MEDIA_LINE = /^ {0,3}MEDIA:\s*(.*?)\s*$/;
const INDENTED_CODE = /^(?: {4}|\t)/;
const REPLY_TAG = /\[\[\s*reply_to(?:_current|\s*:\s*([^\]\s]+))\s*\]\]/g;

export function extractReplyDirectives(modelText: string): ReplyDirectives {
  const media: string[] = [];
  let replyTo: ReplyTarget | undefined;
  const kept: string[] = [];
  let fence: string | undefined;
  let previousBlank = true;
  for (const line of modelText.split("\n")) {
    const fenceMark = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
      kept.push(line);
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      kept.push(line);
      previousBlank = false;
      continue;
    }
    // An indented line only opens a code block after a blank line; otherwise it continues a paragraph.
    if (previousBlank && INDENTED_CODE.test(line) && line.trim() !== "") {
      kept.push(line);
      continue;
    }
    const reference = MEDIA_LINE.exec(line)?.[1];
    if (reference !== undefined) {
      const unquoted = unquote(reference);
      if (unquoted !== "") media.push(unquoted);
      continue;
    }
    const untagged = line.replace(REPLY_TAG, (_tag, id: string | undefined) => {
      replyTo ??= id === undefined ? { kind: "current" } : { kind: "id", id };
      return "";
    });
    const cleaned = untagged === line ? line : untagged.replace(/[ \t]{2,}/g, " ").trim();
    previousBlank = cleaned.trim() === "";
    // A line that held only a tag goes entirely, so it leaves no blank line behind.
    if (cleaned === "" && untagged !== line) continue;
    kept.push(cleaned);
  }
  return {
    text: kept.join("\n").trim(),
    media,
    ...(replyTo ? { replyTo } : {}),
  };
}

function unquote(reference: string): string {
  const quoted = /^"(.*)"$/.exec(reference);
  return (quoted ? (quoted[1] as string) : reference).trim();
}
