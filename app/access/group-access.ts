import { GROUP_DEFAULTS } from "../config/resolve-accounts.ts";
import type { GroupConfig, GroupPolicy } from "../config/schema.ts";
import { chatPassesGroupList } from "./group-chat-gate.ts";
import { groupPolicyRules } from "./policy-rules.ts";

/**
 * Whether a group message may reach the agent (spec §4): the group policy; for `allowlist` the
 * sender gate; then, under every policy, the chat gate of the `groups` map (see group-chat-gate.ts).
 * The reason names the config key a user would change, so it can be logged once.
 */
export type GroupDecision =
  | { admit: true; group: GroupConfig | undefined }
  | { admit: false; reason: "groups-disabled"; fix: string }
  | { admit: false; reason: "sender-not-allowed"; fix: string }
  | { admit: false; reason: "group-not-listed"; fix: string };

export function resolveGroupAccess(input: {
  policy: GroupPolicy;
  chatId: number;
  groups: Record<string, GroupConfig> | undefined;
  /** Whether the sender matches `groupAllowFrom`, or `allowFrom` when `groupAllowFrom` is absent. */
  senderAllowed: boolean;
}): GroupDecision {
  const group = groupEntry(input.groups, input.chatId);
  if (input.policy === "disabled") {
    return { admit: false, reason: "groups-disabled", fix: groupPolicyRules.disabled.refusedFix };
  }
  if (group && (group.enabled === false || group.allow === false)) {
    const own = Object.hasOwn(input.groups ?? {}, String(input.chatId));
    return {
      admit: false,
      reason: "group-not-listed",
      fix: own
        ? `channels.imessage.groups["${input.chatId}"] turns this group off`
        : `channels.imessage.groups["*"] turns off every group not listed: add "${input.chatId}" to channels.imessage.groups`,
    };
  }
  if (input.policy === "allowlist" && !input.senderAllowed) {
    return { admit: false, reason: "sender-not-allowed", fix: groupPolicyRules.allowlist.refusedFix };
  }
  if (!chatPassesGroupList(input.groups, input.chatId)) {
    return {
      admit: false,
      reason: "group-not-listed",
      fix: `add "${input.chatId}" (or "*") to channels.imessage.groups: without "*" its keys are the only groups answered, under groupPolicy "${input.policy}" too`,
    };
  }
  return { admit: true, group };
}

/** The chat's own entry, else the `"*"` defaults. */
export function groupEntry(
  groups: Record<string, GroupConfig> | undefined,
  chatId: number,
): GroupConfig | undefined {
  return groups?.[String(chatId)] ?? groups?.["*"];
}

/** `requireMention` per chat, then `"*"`, then the default. */
export function groupRequiresMention(
  groups: Record<string, GroupConfig> | undefined,
  chatId: number,
): boolean {
  return (
    groups?.[String(chatId)]?.requireMention ?? groups?.["*"]?.requireMention ?? GROUP_DEFAULTS.requireMention
  );
}

/** The group's system prompt; an empty string on the chat suppresses the wildcard's. */
export function groupSystemPrompt(
  groups: Record<string, GroupConfig> | undefined,
  chatId: number,
): string | undefined {
  const own = groups?.[String(chatId)]?.systemPrompt;
  const prompt = own ?? groups?.["*"]?.systemPrompt;
  return prompt === undefined || prompt === "" ? undefined : prompt;
}
