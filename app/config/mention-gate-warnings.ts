import type { ConfigError } from "./config-errors.ts";
import { mentionMatcher } from "./mention-patterns.ts";
import type { ResolvedAccount } from "./resolve-accounts.ts";
import type { PinchConfig } from "./schema.ts";

/**
 * A group gate that cannot work: `requireMention` is on somewhere (it is by
 * default) while no usable mention pattern exists. Such group messages are
 * answered (as the reference does) and the gateway logs it per chat; this
 * says so before the first one, in the log at start, `pinch doctor` and the
 * window.
 */
export function unenforceableMentionWarnings(
  config: PinchConfig,
  accounts: ResolvedAccount[],
): ConfigError[] {
  if (mentionMatcher(config, () => undefined) !== null) return [];
  return accounts
    .filter((account) => account.enabled && admitsGroupSenders(account) && mentionRequired(account))
    .map((account) => ({
      path: `${account.configPath}.groups`,
      accountId: account.id,
      advisory: true,
      message: `account "${account.id}": requireMention is on but no mention pattern is usable (messages.groupChat.mentionPatterns, the agent's groupChat.mentionPatterns or identity.name), so group messages are answered without a mention; add a pattern, or set requireMention to false`,
    }));
}

/** Whether anyone can be answered in a group at all: else the gate is moot. */
function admitsGroupSenders(account: ResolvedAccount): boolean {
  if (account.groupPolicy === "open") return true;
  return account.groupPolicy === "allowlist" && (account.groupAllowFrom ?? account.allowFrom).length > 0;
}

/** Per chat, then `"*"`, then on; without `"*"` only the listed chats are answered at all. */
function mentionRequired(account: ResolvedAccount): boolean {
  const fallback = account.groups["*"]?.requireMention ?? true;
  const entries = Object.values(account.groups);
  if (entries.length === 0 || (fallback && "*" in account.groups)) return fallback;
  return entries.some((group) => (group.requireMention ?? fallback) === true);
}
