/**
 * Keys that name a chat by its row in one Messages database: `chat_id:N`
 * entries of `allowFrom` and `groupAllowFrom`, and the chat ids that key
 * `groups`. Row 42 of one account's chat.db is an unrelated chat in
 * another's, so such keys written at the channel's root must not reach two
 * accounts at once: a bot account would admit whichever chat had that number
 * in its own database (a stranger's DM was answered instead of getting a
 * code). Pinch refuses the config and names the key; the fix is to move the
 * key under the account whose database it names.
 */
import { normalizeHandle } from "../access/handles.ts";
import type { ConfigError } from "./config-errors.ts";
import { formatKeyPath } from "./key-path.ts";
import type { ImessageChannelConfig, PinchConfig } from "./schema.ts";

const LISTS = ["allowFrom", "groupAllowFrom"] as const;

export function chatScopedInheritanceErrors(config: PinchConfig): ConfigError[] {
  const channel = config.channels?.imessage;
  const accounts = Object.entries(channel?.accounts ?? {});
  if (!channel || accounts.length < 2) return [];
  const enabled = channel.enabled === false ? [] : accounts.filter(([, own]) => own.enabled !== false);
  const inheritors = (key: (typeof LISTS)[number] | "groups") =>
    enabled.filter(([, own]) => own[key] === undefined).map(([id]) => id);
  const errors: ConfigError[] = [];
  for (const key of LISTS) {
    const sharing = inheritors(key);
    if (sharing.length < 2) continue;
    (channel[key] ?? []).forEach((entry, index) => {
      if (normalizeHandle(entry, channel.region).kind === "chat_id")
        errors.push(refusal(["channels", "imessage", key, index], entry, sharing));
    });
  }
  const sharingGroups = inheritors("groups");
  if (sharingGroups.length >= 2) {
    for (const chat of chatIdKeys(channel))
      errors.push(refusal(["channels", "imessage", "groups", chat], chat, sharingGroups));
  }
  return errors;
}

/**
 * The lists a new account of its own database should carry so that it does
 * not read the root's chat ids: for each list it does not set itself and
 * whose root copy names a chat, the root's entries without those chats (the
 * people stay; a `groups` map keeps only its `"*"` entry).
 */
export function ownChatLists(
  channel: Record<string, unknown>,
  own: Record<string, unknown>,
): Record<string, unknown> {
  const lists: Record<string, unknown> = {};
  const region = typeof channel.region === "string" ? channel.region : undefined;
  for (const key of LISTS) {
    const root = channel[key];
    if (own[key] !== undefined || !Array.isArray(root)) continue;
    const people = root.filter((entry) => normalizeHandle(String(entry), region).kind !== "chat_id");
    if (people.length < root.length) lists[key] = people;
  }
  const groups = channel.groups as Record<string, unknown> | undefined;
  if (own.groups === undefined && groups && Object.keys(groups).some((key) => key !== "*"))
    lists.groups = "*" in groups ? { "*": groups["*"] } : {};
  return lists;
}

function chatIdKeys(channel: ImessageChannelConfig): string[] {
  return Object.keys(channel.groups ?? {}).filter((key) => key !== "*");
}

function refusal(path: (string | number)[], named: string, accounts: string[]): ConfigError {
  return {
    path: formatKeyPath(path),
    message: `${JSON.stringify(named)} names a chat in one Messages database, but accounts ${accounts.map((id) => `"${id}"`).join(" and ")} each read their own and would both use it; move it under the account it belongs to (channels.imessage.accounts.<id>)`,
  };
}
