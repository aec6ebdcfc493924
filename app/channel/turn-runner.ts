import type { Agent, AgentTurn, ContextMessage } from "../agent/agent.ts";
import { AgentGaveUp, failureReply } from "../agent/failure-reply.ts";
import type { ResolvedAccount } from "../config/resolve-accounts.ts";
import { resolveDefaultAgentId } from "../config/resolve-agent.ts";
import { resolveResponsePrefix } from "../config/response-prefix.ts";
import type { PinchConfig } from "../config/schema.ts";
import type { Message } from "../imsg/protocol.ts";
import type { Logger } from "../log/logger.ts";
import type { AssistantHooks } from "../reminders/owner-assistant.ts";
import type { SettleJournal } from "../state/settle-journal.ts";
import { BudgetReached, budgetNotice } from "../usage/daily-budget.ts";
import type { Admission } from "./admission.ts";
import type { ChatCommand } from "./chat-commands.ts";
import type { ChatMemory } from "./chat-memory.ts";
import type { ChatSignals } from "./chat-signals.ts";
import { formatReply } from "./format-reply.ts";
import { isVoiceMemo, replyContext } from "./message-context.ts";
import type { MediaRefusal, OutboundFile } from "./outbound-media.ts";
import { extractReplyDirectives, type ReplyTarget } from "./reply-directives.ts";
import type { ReplySender } from "./reply-sender.ts";
import { StreamedAnswer } from "./streamed-answer.ts";
import type { AttachmentSource, TurnGate } from "./turn-hooks.ts";

export type ConfigCommand = Extract<ChatCommand, { name: "config-show" | "config-set" | "config-unset" }>;
export type AwayCommand = Extract<ChatCommand, { name: "away-answer" | "away-dismiss" }>;
export type TurnAdmission = Extract<Admission, { kind: "turn" }>;

/** What the screen learned about a row that the turn still needs. */
export interface RowFacts {
  /** The row has the words of one of our recent sends (someone else's, so not dropped as an echo). */
  resemblesOwnSend: boolean;
}

export interface ChannelSettings {
  account: ResolvedAccount;
  config: PinchConfig;
}

export interface TurnRunnerParts {
  agent: Agent;
  memory: ChatMemory;
  sender: ReplySender;
  journal: SettleJournal;
  attachments: AttachmentSource;
  /** The files an answer's `MEDIA:` lines name, checked and fetched for sending. */
  outboundMedia(references: string[]): Promise<{ files: OutboundFile[]; refused: MediaRefusal[] }>;
  /** Whether this imsg can thread a reply under the message it answers now. */
  canThread(): boolean;
  signals: ChatSignals;
  gates: readonly TurnGate[];
  settings(): ChannelSettings;
  /** A chat's newest rows, newest first (for seeding a new DM session); empty while imsg is down. */
  history(chatId: number, limit: number): Promise<Message[]>;
  /** Runs an owner's `/config` command and says what it did (or shows the config, redacted). */
  runConfigCommand(command: ConfigCommand): Promise<string>;
  /** Runs an owner's `/answer` or `/dismiss` (away-messages.ts) and says what it did. */
  runAwayCommand(command: AwayCommand): Promise<string>;
  /** The agent's answer to a turn was delivered. */
  onAnswered(turn: AgentTurn): void;
  /** Reminders and the model's tools; without it a turn offers no tools. */
  assistant?: AssistantHooks;
  /** The account's daily token budget kept the agent from answering someone other than the owner. */
  onBudgetReached?(budget: number): void;
  log: Logger;
}

/** `verbatim` for a command's answer: config values and key paths keep every character (`"*"`). */
type Answer = { text: string; turn?: AgentTurn; verbatim?: boolean };

const CONFIG_USAGE =
  "Usage: /config show [key.path], /config get <key.path>, /config set <key.path>=<value>, /config unset <key.path>";

/** Long enough for a slow model with retries and fallbacks; a turn never holds its chat forever. */
const TURN_TIMEOUT_MS = 10 * 60_000;

/** Runs one admitted message to its reply: the loop guard, commands or the agent, then delivery. */
export class TurnRunner {
  private readonly parts: TurnRunnerParts;

  constructor(parts: TurnRunnerParts) {
    this.parts = parts;
  }

  /** `covers`: the earlier rows of a burst merged into `message`, answered by the same reply. */
  async run(
    message: Message,
    admission: TurnAdmission,
    chatKeys: string[],
    row: RowFacts,
    covers: readonly string[] = [],
  ): Promise<void> {
    const { memory, log } = this.parts;
    // One view of the settings for the whole turn: a `/config set` it runs applies from the next one.
    const settings = this.parts.settings();
    const { account, config } = settings;
    const guard = memory.loops.check(message.chat_id, message.text ?? "", {
      responsePrefix: resolveResponsePrefix(config, account),
      resemblesOwnSend: row.resemblesOwnSend,
    });
    if (!guard.ok) {
      log[guard.muted ? "warn" : "info"]("not answering a possible reply loop", {
        chat: message.chat_id,
        reason: guard.reason,
      });
      return;
    }
    const confirmed =
      admission.owner && !admission.command
        ? await this.parts.assistant?.answerConfirmation(message.chat_id, message.text ?? "")
        : null;
    const stream =
      admission.command || confirmed ? undefined : this.streamFor(message, chatKeys, covers, settings);
    const answer = admission.command
      ? { text: await this.runCommand(admission.command, admission), verbatim: true }
      : confirmed
        ? { text: confirmed }
        : await this.ask(message, admission, stream);
    // A short answer, a failure reply, a model that does not stream: nothing left to cut into parts.
    if (stream && !stream.started) stream.discard();
    // After asking: the turn's context is what came before this message.
    if (admission.isGroup) memory.groups.add(message.chat_id, toContext(message), account.historyLimit);
    if (!answer) return;
    if (answer.turn && stream?.started) await stream.finish();
    else if (answer.turn) await this.answer(message, answer.text, chatKeys, settings, covers);
    else
      await this.reply(message, answer.text, chatKeys, settings, {
        verbatim: answer.verbatim === true,
        covers,
      });
    if (answer.turn) this.parts.onAnswered(answer.turn);
    if (account.sendReadReceipts) await this.parts.signals.markRead(message.chat_id);
  }

  /**
   * Formats text for the chat (prefix, plain text unless `verbatim`, chunks) and delivers it once,
   * as the answer to `message`.
   */
  async reply(
    message: Message,
    text: string,
    chatKeys: string[],
    { account, config }: ChannelSettings = this.parts.settings(),
    { verbatim = false, covers = [] }: { verbatim?: boolean; covers?: readonly string[] } = {},
  ): Promise<void> {
    const chunks = formatReply(text, {
      responsePrefix: resolveResponsePrefix(config, account),
      textChunkLimit: account.textChunkLimit,
      chunkMode: account.chunkMode,
      verbatim,
    });
    await this.parts.sender.sendReply(replyKey(message, covers), chunks, chatKeys);
  }

  /**
   * The agent's answer: its `MEDIA:` lines become files sent after the text
   * (a refused one is logged, the rest goes out), and a reply tag threads the
   * text under the message it names when imsg can; the tags never reach the chat.
   */
  private async answer(
    message: Message,
    text: string,
    chatKeys: string[],
    settings: ChannelSettings,
    covers: readonly string[],
  ) {
    const { account, config } = settings;
    const directives = extractReplyDirectives(text);
    const chunks = formatReply(directives.text, {
      responsePrefix: resolveResponsePrefix(config, account),
      textChunkLimit: account.textChunkLimit,
      chunkMode: account.chunkMode,
    });
    const files = await this.filesFor(message, directives.media);
    const replyTo = this.threadUnder(message, directives.replyTo);
    await this.parts.sender.sendReply(replyKey(message, covers), chunks, chatKeys, {
      media: files,
      ...(replyTo ? { replyTo } : {}),
    });
  }

  /** The answer sent in parts as the model writes it, when the account streams blocks. */
  private streamFor(
    message: Message,
    chatKeys: string[],
    covers: readonly string[],
    { account, config }: ChannelSettings,
  ): StreamedAnswer | undefined {
    if (!account.blockStreaming.enabled) return undefined;
    const responsePrefix = resolveResponsePrefix(config, account);
    return new StreamedAnswer({
      journal: this.parts.journal,
      sender: this.parts.sender,
      key: replyKey(message, covers),
      chatKeys,
      rules: account.blockStreaming,
      format: (text, first) =>
        formatReply(text, {
          responsePrefix: first ? responsePrefix : undefined,
          textChunkLimit: account.textChunkLimit,
          chunkMode: account.chunkMode,
        }),
      media: (references) => this.filesFor(message, references),
      threadUnder: (target) => this.threadUnder(message, target),
      log: this.parts.log,
    });
  }

  /** The files a reply's `MEDIA:` lines name that may be sent; a refused one is logged. */
  private async filesFor(message: Message, references: string[]): Promise<OutboundFile[]> {
    if (references.length === 0) return [];
    const { files, refused } = await this.parts.outboundMedia(references);
    for (const refusal of refused) {
      this.parts.log.warn("not sending a file the reply named", {
        chat: message.chat_id,
        file: refusal.reference,
        reason: refusal.reason,
      });
    }
    return files;
  }

  /** The guid to thread under: `current` is the message being answered. */
  private threadUnder(message: Message, target: ReplyTarget | undefined): string | undefined {
    if (!target) return undefined;
    if (!this.parts.canThread()) {
      this.parts.log.debug("not threading a reply: imsg's bridge does not offer it", {
        chat: message.chat_id,
      });
      return undefined;
    }
    return target.kind === "current" ? message.guid : target.id;
  }

  private async runCommand(command: ChatCommand, admission: TurnAdmission): Promise<string> {
    const { account, config } = this.parts.settings();
    if (command.name === "new") {
      await this.parts.agent.resetSession(admission.sessionKey);
      this.parts.memory.markSeeded(admission.sessionKey);
      return "Started a new conversation.";
    }
    if (command.name === "away-answer" || command.name === "away-dismiss") {
      return admission.owner ? this.parts.runAwayCommand(command) : "Only the owner can do that.";
    }
    if (command.name === "reminders" || command.name === "cancel-reminder") {
      if (!admission.owner) return "Only the owner can see or cancel reminders.";
      return this.parts.assistant?.runCommand(command) ?? "Reminders are not available here.";
    }
    const reading = command.name === "config-show" || command.name === "config-usage";
    if (!admission.owner) {
      return reading
        ? "Only the owner can see the settings from chat."
        : "Only the owner can change settings from chat.";
    }
    if (config.commands?.config !== true) return "Settings from chat are turned off (commands.config).";
    if (command.name === "config-usage") return CONFIG_USAGE;
    if (!reading && !account.configWrites) {
      return "Changing settings from chat is turned off (channels.imessage.configWrites).";
    }
    return this.parts.runConfigCommand(command);
  }

  /**
   * The agent's answer; the failure reply when it could not give one. Null
   * when a gate kept the agent from being asked. `turn` is set only for a
   * real answer.
   */
  private async ask(
    message: Message,
    admission: TurnAdmission,
    stream: StreamedAnswer | undefined,
  ): Promise<Answer | null> {
    const { account, config } = this.parts.settings();
    const replyTo = replyContext(message);
    const base: AgentTurn = {
      agentId: resolveDefaultAgentId(config),
      sessionKey: admission.sessionKey,
      accountId: account.id,
      isGroup: admission.isGroup,
      chatId: message.chat_id,
      sender: message.sender ?? message.chat_identifier ?? `chat_id:${message.chat_id}`,
      text: message.text ?? "",
      attachments: [],
      context: [],
      ...(admission.owner ? { owner: true } : {}),
      ...(message.chat_name ? { chatName: message.chat_name } : {}),
      ...(message.sender_name ? { senderName: message.sender_name } : {}),
      ...(admission.extraSystemPrompt ? { extraSystemPrompt: admission.extraSystemPrompt } : {}),
      ...(replyTo ? { replyTo } : {}),
      ...(isVoiceMemo(message) ? { voiceMemo: true } : {}),
    };
    for (const gate of this.parts.gates) {
      const reason = gate(base);
      if (reason) {
        this.parts.log.debug("not asking the agent", { chat: message.chat_id, reason });
        return null;
      }
    }
    const context = admission.isGroup
      ? this.parts.memory.groups.recent(message.chat_id, account.historyLimit)
      : await this.seedDmHistory(message, admission.sessionKey, account);
    const { attachments, release } = await this.parts.attachments.resolve(message);
    const tools = this.parts.assistant?.tools(base);
    const turn = { ...base, context, attachments, ...(tools ? { tools } : {}) };
    // The dots appear while the assistant thinks, in DMs only (a group sees an answer, not a bot
    // typing), and only when the answer takes a moment: a quick one needs no indicator.
    const typing = admission.isGroup ? undefined : this.parts.signals.typingWhile(message.chat_id);
    if (stream && typing) stream.onPartSent = () => void typing.again();
    try {
      const reply = await this.parts.agent.reply(turn, AbortSignal.timeout(TURN_TIMEOUT_MS), stream);
      return reply.text.trim() === "" ? null : { text: reply.text, turn };
    } catch (error) {
      // Part of the answer is in the chat: it ends with a note, not with a failure reply beside it.
      if (stream?.started) {
        this.parts.log.warn("the answer broke off after part of it was sent; ending it with a note", {
          chat: message.chat_id,
        });
        await stream.interrupt();
        return null;
      }
      if (!(error instanceof AgentGaveUp)) {
        this.parts.log.error("the agent failed to answer", {
          chat: message.chat_id,
          error: (error as Error).message,
        });
      }
      // The owner learns why nobody is answered; everyone else gets the usual apology.
      if (error instanceof BudgetReached && turn.owner) return { text: budgetNotice(error.budget) };
      if (error instanceof BudgetReached) this.parts.onBudgetReached?.(error.budget);
      return { text: failureReply(config) };
    } finally {
      await typing?.done();
      await release?.();
    }
  }

  /** A DM session's first turn in this process starts from the chat's recent history (`dmHistoryLimit`). */
  private async seedDmHistory(
    message: Message,
    sessionKey: string,
    account: ResolvedAccount,
  ): Promise<ContextMessage[]> {
    if (!this.parts.memory.takeSeed(sessionKey)) return [];
    const perSender = message.sender ? account.dms[message.sender]?.historyLimit : undefined;
    const limit = perSender ?? account.dmHistoryLimit ?? 0;
    if (limit <= 0) return [];
    try {
      const rows = await this.parts.history(message.chat_id, limit + 1);
      return rows
        .filter((row) => row.guid !== message.guid && row.text)
        .slice(0, limit)
        .reverse()
        .map(toContext);
    } catch (error) {
      this.parts.log.warn("could not load DM history for a new session", {
        error: (error as Error).message,
      });
      return [];
    }
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

/** What a reply answers: its message, and the earlier rows of a burst merged into it. */
function replyKey(
  message: Message,
  covers: readonly string[],
): { guid: string; chatId: number; covers?: string[] } {
  return {
    guid: message.guid,
    chatId: message.chat_id,
    ...(covers.length > 0 ? { covers: [...covers] } : {}),
  };
}
