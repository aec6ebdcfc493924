/**
 * The keys `/config set|unset` may change from chat. Anyone who can write as
 * an owner's handle (a shared iPad, a spoofed self-chat row, the assistant's
 * own reply read back) reaches this command, so it may only tune how replies
 * look and how much history is read. Who may talk to the assistant, which
 * program runs, where its database and model server are and which secret a
 * provider sends are changed at the Mac, in the Pinch window or the config
 * file, never from a message.
 *
 * `*` stands for one segment the user names (an account id, a group's
 * chat_id): it must already exist, so a chat edit never adds an account or
 * lists a new group (a listed group is admitted under an allowlist).
 */
import type { ConfigError } from "./config-errors.ts";
import type { ConfigEdit } from "./edit-config-tree.ts";
import { formatKeyPath, type KeyPathSegment, parseKeyPath } from "./key-path.ts";

/** Per-account (and channel root) keys that change only the form of replies and the history read. */
const ACCOUNT_KEYS = [
  "textChunkLimit",
  "chunkMode",
  "responsePrefix",
  "includeAttachments",
  "mediaMaxMb",
  "historyLimit",
  "dmHistoryLimit",
  "sendReadReceipts",
  "reactionNotifications",
  "groups.*.requireMention",
  "groups.*.systemPrompt",
];

const ROOTS = ["channels.imessage", "channels.imessage.accounts.*"];

export const CHAT_EDITABLE_KEYS: readonly string[] = [
  ...ROOTS.flatMap((root) => ACCOUNT_KEYS.map((key) => `${root}.${key}`)),
  "messages.responsePrefix",
  "messages.groupChat.mentionPatterns",
  "messages.groupChat.historyLimit",
  "messages.inbound.debounceMs",
];

const PATTERNS = CHAT_EDITABLE_KEYS.map((key) => key.split("."));

export const CHAT_REFUSAL = "can only be changed in the Pinch window or the config file, not from chat";

/** The first edit chat may not make, as a config error naming its key, or null. Shaped as an `EditCheck`. */
export function findChatEditProblem(
  raw: Record<string, unknown>,
  edits: readonly ConfigEdit[],
): ConfigError | null {
  for (const edit of edits) {
    const parsed = parseKeyPath(edit.keyPath);
    if (!parsed.ok) return { path: edit.keyPath, message: parsed.message };
    const pattern = PATTERNS.find((candidate) => matches(candidate, parsed.segments));
    if (!pattern) return { path: edit.keyPath, message: CHAT_REFUSAL };
    const missing = missingNamedEntry(raw, pattern, parsed.segments);
    if (missing !== undefined)
      return {
        path: missing,
        message: "does not exist; add it in the Pinch window or the config file first",
      };
  }
  return null;
}

function matches(pattern: readonly string[], segments: readonly KeyPathSegment[]): boolean {
  return (
    pattern.length === segments.length &&
    segments.every((segment, index) => pattern[index] === "*" || pattern[index] === segment)
  );
}

/** The key path of the first `*` entry (an account, a group) that the file does not hold yet. */
function missingNamedEntry(
  raw: Record<string, unknown>,
  pattern: readonly string[],
  segments: readonly KeyPathSegment[],
): string | undefined {
  let node: unknown = raw;
  for (const [index, segment] of segments.entries()) {
    const record = isRecord(node) ? node : undefined;
    const next = record && Object.hasOwn(record, String(segment)) ? record[String(segment)] : undefined;
    if (pattern[index] === "*" && !isRecord(next)) return formatKeyPath(segments.slice(0, index + 1));
    node = next;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
