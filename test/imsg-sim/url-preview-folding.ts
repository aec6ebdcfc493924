/**
 * Which rows a protocol-1 reader shows. When someone sends a link, Messages
 * writes the text row and then a link preview row
 * (`com.apple.messages.URLBalloonProvider`) from the same sender; imsg 0.15
 * folds the preview into the text row (one logical message carrying
 * `url_preview`) instead of reporting two messages. A row Messages has not
 * joined to any chat is not shown either.
 */
import type { MessageRecord, MessageStore } from "./message-store.ts";
import { isReactionType, normalizeAssociatedGuid } from "./tapbacks.ts";

export const URL_PREVIEW_BUNDLE_ID = "com.apple.messages.URLBalloonProvider";

/** How far a preview may trail its text row and still belong to it. */
const FOLD_WINDOW_MS = 5_000;

export function isUrlPreview(record: MessageRecord): boolean {
  return record.balloonBundleId === URL_PREVIEW_BUNDLE_ID;
}

/** A preview belongs to the text row before it: same chat, sender and direction, within 5 s, same link. */
function belongsTo(text: MessageRecord, preview: MessageRecord): boolean {
  if (text.balloonBundleId !== "" || text.chatId !== preview.chatId) return false;
  if (text.isFromMe !== preview.isFromMe || text.sender !== preview.sender) return false;
  if (text.handleId !== 0 && preview.handleId !== 0 && text.handleId !== preview.handleId) return false;
  const delta = preview.date.getTime() - text.date.getTime();
  if (preview.rowid <= text.rowid || delta < 0 || delta > FOLD_WINDOW_MS) return false;
  const target = normalizeAssociatedGuid(preview.replyToGuid);
  if (target !== "" && target === text.guid) return true;
  return containsLink(text.text, preview.text.trim());
}

function containsLink(text: string, link: string): boolean {
  const lower = link.toLowerCase();
  if (!lower.startsWith("http://") && !lower.startsWith("https://") && !lower.startsWith("www."))
    return false;
  const haystack = text.toLowerCase();
  return [lower, lower.replace(/^\/+|\/+$/g, "")].some(
    (candidate) => candidate !== "" && haystack.includes(candidate),
  );
}

/**
 * `suppress`: a preview whose text row lies before this read is dropped (the
 * watch and `messages.after` already reported the text). `replace`: the text
 * row takes the preview's place (history, whose page is counted from the end).
 */
export type UnmatchedPreview = "suppress" | "replace";

/** The rows of one read as a reader sees them, in the order given. */
export function visibleMessages(
  records: MessageRecord[],
  store: MessageStore,
  unmatched: UnmatchedPreview,
): MessageRecord[] {
  const joined = records.filter((record) => record.chatId !== 0);
  const byRowid = [...joined].sort((a, b) => a.rowid - b.rowid);
  const replaced = new Map<number, MessageRecord>();
  const hidden = new Set<number>();
  byRowid.forEach((preview, position) => {
    if (!isUrlPreview(preview)) return;
    const previous = previousInChat(byRowid, position, hidden);
    const text = previous ? (replaced.get(previous.rowid) ?? previous) : undefined;
    if (text && belongsTo(text, preview)) {
      replaced.set(text.rowid, withPreview(text, preview));
      hidden.add(preview.rowid);
      return;
    }
    const earlier = store.precedingRow(preview);
    if (!earlier || !belongsTo(earlier, preview)) return;
    if (unmatched === "suppress") hidden.add(preview.rowid);
    else replaced.set(preview.rowid, withPreview(earlier, preview));
  });
  return joined
    .filter((record) => !hidden.has(record.rowid))
    .map((record) => replaced.get(record.rowid) ?? record);
}

function previousInChat(
  byRowid: MessageRecord[],
  position: number,
  hidden: Set<number>,
): MessageRecord | undefined {
  const preview = byRowid[position] as MessageRecord;
  for (let index = position - 1; index >= 0; index -= 1) {
    const candidate = byRowid[index] as MessageRecord;
    if (hidden.has(candidate.rowid) || isReactionType(candidate.associatedType)) continue;
    if (candidate.chatId === preview.chatId) return candidate;
  }
  return undefined;
}

function withPreview(text: MessageRecord, preview: MessageRecord): MessageRecord {
  return {
    ...text,
    urlPreview: {
      rowid: preview.rowid,
      guid: preview.guid,
      balloonBundleId: preview.balloonBundleId,
      date: preview.date,
    },
  };
}
