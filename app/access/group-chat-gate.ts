/**
 * Which group chats a `groups` map lets through, whatever the group policy (spec §4, as the
 * reference does it): its keys are the list of allowed chats unless it has a `"*"` row. The core's
 * admission and the window's groups table both read it, so what the window says is what the
 * gateway does. Pure and free of Node imports, for the window's bundle.
 */

/**
 * - `every-chat`: no map, or an empty one: the map does not limit chats.
 * - `wildcard`: a `"*"` row decides for every chat not listed.
 * - `listed-only`: the listed chats and no others, under `"open"` as under `"allowlist"`.
 */
export type GroupChatGate = "every-chat" | "wildcard" | "listed-only";

export function groupChatGate(groups: Readonly<Record<string, unknown>> | undefined): GroupChatGate {
  if (groups === undefined || Object.keys(groups).length === 0) return "every-chat";
  return Object.hasOwn(groups, "*") ? "wildcard" : "listed-only";
}

/** Whether the map's keys let `chatId` through before its own entry (or `"*"`) is read. */
export function chatPassesGroupList(
  groups: Readonly<Record<string, unknown>> | undefined,
  chatId: number | string,
): boolean {
  return groupChatGate(groups) !== "listed-only" || Object.hasOwn(groups ?? {}, String(chatId));
}
