import type { DmPolicy, GroupPolicy } from "../config/schema.ts";

/**
 * What each DM and group policy means, in one place: the words the window shows, what its sender
 * list must hold, and what the log tells the owner when the policy turns someone away. Validation,
 * admission, the window's edit rules and the window itself read these tables, so a new policy in
 * config/schema.ts does not compile until each of them has been decided for it.
 */

/** `"*"` on a sender list: the policy needs it, lets it be, or refuses it as a mistake. */
export type WildcardRule = "required" | "allowed" | "refused";

export interface PolicyRule {
  /** The choice as the window offers it. */
  label: string;
  /** One sentence under the label: what choosing it does. */
  detail: string;
  /** What the log line of a sender this policy turns away says to change; null when it turns no one away. */
  refusedFix: string | null;
}

interface DmPolicyRule extends PolicyRule {
  allowFrom: { needsEntry: boolean; wildcard: WildcardRule };
}

interface GroupPolicyRule extends PolicyRule {
  /** `groupAllowFrom`, or `allowFrom` when a group has no list of its own. */
  groupAllowFrom: { wildcard: WildcardRule };
}

const addToAllowFrom = "add the sender to channels.imessage.allowFrom (or approve a pairing request)";

/** In the order the window offers them. */
export const dmPolicyRules = {
  allowlist: {
    label: "Only people on my list",
    detail: "Anyone else is ignored. The safest choice for your own Apple ID.",
    allowFrom: { needsEntry: true, wildcard: "refused" },
    refusedFix: addToAllowFrom,
  },
  pairing: {
    label: "People on my list, and people I approve",
    detail: "A stranger gets a code; you approve them in Pairing. Best for a dedicated bot Apple ID.",
    allowFrom: { needsEntry: false, wildcard: "refused" },
    // A stranger is sent a pairing code instead of being turned away.
    refusedFix: null,
  },
  open: {
    label: "Everyone",
    detail: "Anyone who texts gets an answer.",
    // Without "*" the policy would quietly act as an allowlist.
    allowFrom: { needsEntry: false, wildcard: "required" },
    refusedFix: addToAllowFrom,
  },
  disabled: {
    label: "No one",
    detail: "The assistant does not answer direct messages.",
    allowFrom: { needsEntry: false, wildcard: "refused" },
    refusedFix: 'set channels.imessage.dmPolicy to "pairing" or "allowlist"',
  },
} satisfies Record<DmPolicy, DmPolicyRule>;

/** In the order the window offers them. */
export const groupPolicyRules = {
  disabled: {
    label: "Off",
    detail: "The assistant stays quiet in group chats.",
    groupAllowFrom: { wildcard: "refused" },
    refusedFix: 'set channels.imessage.groupPolicy to "allowlist" or "open"',
  },
  allowlist: {
    label: "Chosen groups and people",
    detail: "Only in the groups you allow, and only for the people on the group list.",
    groupAllowFrom: { wildcard: "refused" },
    refusedFix: "add the sender to channels.imessage.groupAllowFrom",
  },
  open: {
    label: "Every group",
    // A groups map without "*" still limits the chats (group-chat-gate.ts), as in the reference.
    detail: "Anyone in a group. Every group, unless the table below allows only some.",
    groupAllowFrom: { wildcard: "allowed" },
    refusedFix: null,
  },
} satisfies Record<GroupPolicy, GroupPolicyRule>;

/** `entries` as `rule` wants them: `"*"` added at the end where required, dropped where refused. */
export function fitWildcard(rule: WildcardRule, entries: readonly string[]): string[] {
  if (rule === "allowed") return [...entries];
  const others = entries.filter((entry) => entry !== "*");
  return rule === "required" ? [...others, "*"] : others;
}
