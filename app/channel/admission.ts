import { resolveDmAccess } from "../access/dm-access.ts";
import { groupRequiresMention, groupSystemPrompt, resolveGroupAccess } from "../access/group-access.ts";
import { handleKey, matchesAllowList } from "../access/handles.ts";
import { dmPolicyRules } from "../access/policy-rules.ts";
import { dmSessionKey, groupSessionKey } from "../agent/session-key.ts";
import type { ResolvedAccount } from "../config/resolve-accounts.ts";
import type { DmScope } from "../config/schema.ts";
import type { Message } from "../imsg/protocol.ts";
import { type ChatCommand, parseChatCommand } from "./chat-commands.ts";

/**
 * Admission of one screened message (spec §4): DM or group, the policy gates,
 * mention gating and owner commands. Pure: everything it needs is passed in.
 */
export type Admission =
  | {
      kind: "turn";
      isGroup: boolean;
      sessionKey: string;
      owner: boolean;
      command: ChatCommand | null;
      extraSystemPrompt?: string;
    }
  | { kind: "pairing"; key: string }
  | { kind: "context-only" }
  | { kind: "drop"; reason: string; fix?: string; gateKey?: string };

export interface AdmissionInput {
  message: Message;
  account: ResolvedAccount;
  agentId: string;
  dmScope: DmScope;
  ownerAllowFrom: readonly string[];
  selfChat: boolean;
  mentioned: (text: string) => boolean;
  approvedByPairing: (key: string) => boolean;
}

export function isGroupMessage(message: Message, account: ResolvedAccount): boolean {
  return message.is_group === true || Object.hasOwn(account.groups, String(message.chat_id));
}

export function decideAdmission(input: AdmissionInput): Admission {
  const { message, account } = input;
  const text = message.text ?? "";
  const subject = {
    sender: message.sender,
    chatId: message.chat_id,
    chatGuid: message.chat_guid,
    chatIdentifier: message.chat_identifier,
  };
  const owner =
    input.selfChat ||
    (message.sender !== undefined &&
      matchesAllowList(input.ownerAllowFrom, { sender: message.sender }, account.region));
  const command = parseChatCommand(text);

  if (isGroupMessage(message, account)) {
    const senderList = account.groupAllowFrom ?? account.allowFrom;
    const decision = resolveGroupAccess({
      policy: account.groupPolicy,
      chatId: message.chat_id,
      groups: account.groups,
      senderAllowed: matchesAllowList(senderList, subject, account.region),
    });
    if (!decision.admit) {
      const gateKey =
        decision.reason === "sender-not-allowed" ? `sender:${message.sender}` : `chat:${message.chat_id}`;
      return { kind: "drop", reason: decision.reason, fix: decision.fix, gateKey };
    }
    const bypass = owner && command !== null;
    if (groupRequiresMention(account.groups, message.chat_id) && !bypass && !input.mentioned(text)) {
      return { kind: "context-only" };
    }
    const extraSystemPrompt = groupSystemPrompt(account.groups, message.chat_id);
    return {
      kind: "turn",
      isGroup: true,
      sessionKey: groupSessionKey(input.agentId, message.chat_id),
      owner,
      command,
      ...(extraSystemPrompt ? { extraSystemPrompt } : {}),
    };
  }

  const key =
    (message.sender && handleKey(message.sender, account.region)) ||
    message.sender ||
    `chat_id:${message.chat_id}`;
  const sessionKey = dmSessionKey({
    agentId: input.agentId,
    scope: input.dmScope,
    accountId: account.id,
    peer: key,
  });
  if (input.selfChat) return { kind: "turn", isGroup: false, sessionKey, owner: true, command };
  const decision = resolveDmAccess({
    policy: account.dmPolicy,
    allowFromHasWildcard: account.allowFrom.includes("*"),
    onAllowFrom: matchesAllowList(account.allowFrom, subject, account.region),
    approvedByPairing: input.approvedByPairing(key),
  });
  if (decision.admit) return { kind: "turn", isGroup: false, sessionKey, owner, command };
  if (decision.reason === "needs-pairing") return { kind: "pairing", key };
  const fix = dmPolicyRules[account.dmPolicy].refusedFix ?? undefined;
  return { kind: "drop", reason: decision.reason, fix, gateKey: `sender:${key}` };
}
