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
      /** Admitted despite a gate that could not be enforced: the caller warns, once per `gateKey`. */
      warning?: { reason: string; fix: string; gateKey: string };
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
  /**
   * The row has the words of one of our own recent sends: never a command, or a reply that is
   * exactly `/config set …` (read back as a self-chat twin, or pasted by someone) would run as one.
   */
  resemblesOwnSend: boolean;
  /** Null when no usable mention pattern exists, so a mention cannot be told from its absence. */
  mentioned: ((text: string) => boolean) | null;
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
  // As in the reference, "*" names no owner: owner authority is granted one sender at a time.
  const owners = input.ownerAllowFrom.filter((entry) => entry.trim() !== "*");
  const owner =
    input.selfChat ||
    (message.sender !== undefined && matchesAllowList(owners, { sender: message.sender }, account.region));
  const command = input.resemblesOwnSend ? null : parseChatCommand(text);

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
    // A member's /reset would wipe everyone's conversation, and /config is the owner's alone.
    if (command !== null && !owner) {
      const word = commandWord(text);
      return {
        kind: "drop",
        reason: "command-not-owner",
        fix: `only an owner may run ${word} in a group: add the sender to commands.ownerAllowFrom`,
        gateKey: `chat:${message.chat_id}:sender:${message.sender}:${word}`,
      };
    }
    const mention = mentionGate(input, command !== null);
    if (mention === "not-mentioned") return { kind: "context-only" };
    const extraSystemPrompt = groupSystemPrompt(account.groups, message.chat_id);
    return {
      kind: "turn",
      isGroup: true,
      sessionKey: groupSessionKey(input.agentId, message.chat_id),
      owner,
      command,
      ...(extraSystemPrompt ? { extraSystemPrompt } : {}),
      ...(mention === "unenforceable"
        ? {
            warning: {
              reason: "mention-gate-unenforceable",
              fix: "requireMention is on but no mention pattern is usable (messages.groupChat.mentionPatterns, the agent's groupChat.mentionPatterns or identity.name), so every message is answered: add a pattern, or set requireMention to false",
              gateKey: `chat:${message.chat_id}`,
            },
          }
        : {}),
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

/**
 * Whether the mention gate lets a group message through. An owner's command needs no mention. With
 * no usable pattern the gate cannot be enforced, and the message is answered (as the reference
 * does) rather than never.
 */
function mentionGate(
  input: AdmissionInput,
  ownerCommand: boolean,
): "open" | "mentioned" | "not-mentioned" | "unenforceable" {
  const { message, account } = input;
  if (ownerCommand || !groupRequiresMention(account.groups, message.chat_id)) return "open";
  if (input.mentioned === null) return "unenforceable";
  return input.mentioned(message.text ?? "") ? "mentioned" : "not-mentioned";
}

/** The command as typed (`/reset`, `/config`), for the log line. */
function commandWord(text: string): string {
  return text.trim().split(/\s+/, 1)[0]?.toLowerCase() ?? "";
}
