import type { AccountView } from "../../app/ipc/view-schemas.ts";

/**
 * Who may talk in one allowed group, kept to the core's rule (app/access/group-access.ts): under
 * group policy "allowlist" a member is answered when the group sender list (`groupAllowFrom`, else
 * `allowFrom`) names them, names everyone (`"*"`), or names the chat itself (`chat_id:N`, which
 * matches every message in that chat). "Everyone in this group" is that chat entry; "only people on
 * my list" is its absence. Under "open" every member of an allowed group is answered.
 */
export type GroupSenders =
  | { kind: "everyone"; why: "open" | "wildcard" }
  | { kind: "choice"; value: "everyone" | "list" };

// Every spelling the core reads as a chat_id entry (app/access/handles.ts), so the choice finds hand-written ones too.
function isChatEntry(entry: string, chatId: string): boolean {
  const match = /^(?:chat_id|chatid|chat):\s*(\d+)\s*$/i.exec(entry.trim());
  return match !== null && Number(match[1]) === Number(chatId);
}

/** The list the core reads for group senders and its key (the DM list while the group list is unset). */
export function groupSenderList(account: AccountView): {
  key: "groupAllowFrom" | "allowFrom";
  entries: string[];
} {
  return account.groupAllowFrom === null
    ? { key: "allowFrom", entries: account.allowFrom }
    : { key: "groupAllowFrom", entries: account.groupAllowFrom };
}

export function groupSenders(account: AccountView, chatId: string): GroupSenders {
  if (account.groupPolicy === "open") return { kind: "everyone", why: "open" };
  const { entries } = groupSenderList(account);
  if (entries.some((entry) => entry.trim() === "*")) return { kind: "everyone", why: "wildcard" };
  return { kind: "choice", value: entries.some((entry) => isChatEntry(entry, chatId)) ? "everyone" : "list" };
}

/** The sender list with the chat's entry added (everyone) or every spelling of it removed (list only). */
export function withGroupSenders(
  entries: readonly string[],
  chatId: string,
  value: "everyone" | "list",
): string[] {
  const others = entries.filter((entry) => !isChatEntry(entry, chatId));
  return value === "everyone" ? [...others, `chat_id:${chatId}`] : others;
}
