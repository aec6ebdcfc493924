import type { Agent, AgentTurn, ContextMessage } from "../agent/agent.ts";
import type { ResolvedAccount } from "../config/resolve-accounts.ts";
import type { PinchConfig } from "../config/schema.ts";
import type { ImsgSupervisor } from "../imsg/imsg-supervisor.ts";
import { HistoryResult, type Message } from "../imsg/protocol.ts";
import type { Logger } from "../log/logger.ts";
import type { SettleJournal } from "../state/settle-journal.ts";
import type { Admission } from "./admission.ts";
import { resolveLocalAttachments } from "./attachment-policy.ts";
import type { ChatCommand } from "./chat-commands.ts";
import { formatReply } from "./format-reply.ts";
import type { GroupContext } from "./group-context.ts";
import type { LoopGuard } from "./loop-guard.ts";
import type { ReplySender } from "./reply-sender.ts";

export type ConfigCommand = Extract<ChatCommand, { name: "config-set" | "config-unset" }>;

export interface TurnDeps {
  agent: Agent;
  agentId: string;
  account: ResolvedAccount;
  config: PinchConfig;
  supervisor: ImsgSupervisor;
  journal: SettleJournal;
  sender: ReplySender;
  groupContext: GroupContext;
  loopGuard: LoopGuard;
  log: Logger;
  /** Sessions whose DM history was already seeded in this process. */
  seededSessions: Set<string>;
  applyConfigCommand: (command: ConfigCommand) => Promise<string>;
}

const AGENT_FAILURE_REPLY = "Sorry, I couldn't answer that just now. Please try again in a moment.";

/** Runs one admitted message to its reply: commands, the agent, formatting, delivery. Returns when settled. */
export async function runTurn(
  message: Message,
  admission: Extract<Admission, { kind: "turn" }>,
  chatKeys: string[],
  deps: TurnDeps,
): Promise<void> {
  const text = message.text ?? "";
  const guard = deps.loopGuard.check(message.chat_id, text, deps.config.messages?.responsePrefix);
  if (!guard.ok) {
    deps.log[guard.muted ? "warn" : "info"]("not answering a possible reply loop", {
      chat: message.chat_id,
      reason: guard.reason,
    });
    return;
  }
  const replyText = admission.command
    ? await runCommand(admission.command, admission, deps)
    : await askAgent(message, admission, deps);
  if (admission.isGroup)
    deps.groupContext.add(message.chat_id, toContext(message), deps.account.historyLimit);
  await deliverText(message, replyText, chatKeys, deps);
}

export async function deliverText(
  message: Message,
  replyText: string,
  chatKeys: string[],
  deps: TurnDeps,
): Promise<void> {
  const chunks = formatReply(replyText, {
    responsePrefix: deps.config.messages?.responsePrefix,
    textChunkLimit: deps.account.textChunkLimit,
    chunkMode: deps.account.chunkMode,
  });
  if (chunks.length === 0) return;
  const entry = { guid: message.guid, chatId: message.chat_id, chunks, sent: 0, at: Date.now() };
  deps.journal.recordOutbox(entry);
  const result = await deps.sender.deliver(entry, chatKeys, { verifyFirst: false });
  if (!result.ok) {
    deps.log.error("could not deliver a reply; giving up on it", {
      chat: message.chat_id,
      error: result.error,
    });
  }
}

async function runCommand(
  command: ChatCommand,
  admission: Extract<Admission, { kind: "turn" }>,
  deps: TurnDeps,
): Promise<string> {
  if (command.name === "new") {
    await deps.agent.resetSession(admission.sessionKey);
    deps.seededSessions.add(admission.sessionKey);
    return "Started a new conversation.";
  }
  if (!admission.owner) return "Only the owner can change settings from chat.";
  if (deps.config.commands?.config !== true || !deps.account.configWrites) {
    return "Changing settings from chat is turned off (commands.config / channels.imessage.configWrites).";
  }
  if (command.name === "config-usage")
    return "Usage: /config set <key.path> <value>, or /config unset <key.path>";
  return deps.applyConfigCommand(command);
}

async function askAgent(
  message: Message,
  admission: Extract<Admission, { kind: "turn" }>,
  deps: TurnDeps,
): Promise<string> {
  const turn: AgentTurn = {
    agentId: deps.agentId,
    sessionKey: admission.sessionKey,
    accountId: deps.account.id,
    isGroup: admission.isGroup,
    chatId: message.chat_id,
    sender: message.sender ?? message.chat_identifier ?? `chat_id:${message.chat_id}`,
    text: message.text ?? "",
    attachments: deps.account.includeAttachments
      ? await resolveLocalAttachments(message.attachments ?? [], {
          roots: deps.account.attachmentRoots,
          mediaMaxMb: deps.account.mediaMaxMb,
        })
      : [],
    context: admission.isGroup
      ? deps.groupContext.recent(message.chat_id, deps.account.historyLimit)
      : await seedDmHistory(message, admission.sessionKey, deps),
    ...(message.chat_name ? { chatName: message.chat_name } : {}),
    ...(message.sender_name ? { senderName: message.sender_name } : {}),
    ...(admission.extraSystemPrompt ? { extraSystemPrompt: admission.extraSystemPrompt } : {}),
  };
  try {
    const reply = await deps.agent.reply(turn, AbortSignal.timeout(10 * 60_000));
    return reply.text;
  } catch (error) {
    deps.log.error("the agent failed to answer", { chat: message.chat_id, error: (error as Error).message });
    return AGENT_FAILURE_REPLY;
  }
}

/** A DM session's first turn in this process starts from the chat's recent history (`dmHistoryLimit`). */
async function seedDmHistory(
  message: Message,
  sessionKey: string,
  deps: TurnDeps,
): Promise<ContextMessage[]> {
  if (deps.seededSessions.has(sessionKey)) return [];
  deps.seededSessions.add(sessionKey);
  const perSender = message.sender ? deps.account.dms[message.sender]?.historyLimit : undefined;
  const limit = perSender ?? deps.account.dmHistoryLimit ?? 0;
  if (limit <= 0) return [];
  const client = deps.supervisor.client;
  if (!client) return [];
  try {
    const history = await client.call(
      "messages.history",
      { chat_id: message.chat_id, limit: limit + 1 },
      HistoryResult,
    );
    return history.messages
      .filter((row) => row.guid !== message.guid && row.text)
      .slice(0, limit)
      .reverse()
      .map(toContext);
  } catch (error) {
    deps.log.warn("could not load DM history for a new session", { error: (error as Error).message });
    return [];
  }
}

function toContext(message: Message): ContextMessage {
  return {
    sender: message.is_from_me ? "me" : (message.sender ?? "unknown"),
    ...(message.sender_name ? { senderName: message.sender_name } : {}),
    text: message.text ?? "",
    at: message.created_at,
    fromMe: message.is_from_me,
  };
}
