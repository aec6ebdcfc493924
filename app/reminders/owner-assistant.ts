/**
 * One account's assistant duties beyond answering: its reminders (store,
 * scheduler, chat commands) and the tools a turn offers the model. The
 * account channel builds one and hands the turn runner its hooks.
 */
import type { ToolSet } from "ai";
import type { AgentTurn } from "../agent/agent.ts";
import type { ChatCommand } from "../channel/chat-commands.ts";
import type { NoticeOutbox } from "../channel/notice-outbox.ts";
import type { ResolvedAccount } from "../config/resolve-accounts.ts";
import type { PinchConfig } from "../config/schema.ts";
import type { Chat, Message } from "../imsg/protocol.ts";
import type { Logger } from "../log/logger.ts";
import { assistantSettings } from "./assistant-settings.ts";
import { toolsForTurn } from "./assistant-tools.ts";
import { ReminderCommands } from "./reminder-commands.ts";
import { ReminderScheduler } from "./reminder-scheduler.ts";
import { ReminderStore } from "./reminder-store.ts";

export type ReminderCommand = Extract<ChatCommand, { name: "reminders" | "cancel-reminder" }>;

/** What the turn runner asks of the assistant. */
export interface AssistantHooks {
  tools(turn: AgentTurn): ToolSet | undefined;
  /** An owner's yes or no to a scheduled message waiting in this chat; null when the text is not one. */
  answerConfirmation(chatId: number, text: string): Promise<string | null>;
  runCommand(command: ReminderCommand): Promise<string>;
}

export interface OwnerAssistantParts {
  stateDir: string;
  notices: NoticeOutbox;
  enqueue: (key: string, task: () => Promise<void>) => Promise<void>;
  chats: () => Promise<Chat[]>;
  history: (chatId: number, limit: number) => Promise<Message[]>;
  settings: () => { account: ResolvedAccount; config: PinchConfig };
  log: Logger;
}

export class OwnerAssistant implements AssistantHooks {
  readonly store: ReminderStore;
  private readonly parts: OwnerAssistantParts;
  private readonly scheduler: ReminderScheduler;
  private readonly commands: ReminderCommands;

  constructor(parts: OwnerAssistantParts) {
    this.parts = parts;
    const log = parts.log.child({ component: "reminders" });
    this.store = new ReminderStore(parts.stateDir, log);
    this.commands = new ReminderCommands(this.store);
    this.scheduler = new ReminderScheduler({
      store: this.store,
      notices: parts.notices,
      enqueue: parts.enqueue,
      quietHours: () => {
        const { account, config } = parts.settings();
        return assistantSettings(config, account.id).quietHours;
      },
      log,
    });
  }

  start(): void {
    this.scheduler.start();
  }

  stop(): void {
    this.scheduler.stop();
  }

  tools(turn: AgentTurn): ToolSet | undefined {
    return toolsForTurn(turn, { ...this.parts, store: this.store });
  }

  answerConfirmation(chatId: number, text: string): Promise<string | null> {
    return this.commands.answerConfirmation(chatId, text);
  }

  /** Cancels an open reminder (from the window); false when it was already sent, cancelled or gone. */
  cancel(id: string): Promise<boolean> {
    return this.commands.cancelById(id);
  }

  /** The owner's yes or no to a scheduled message, from the window; false when it no longer waits. */
  confirm(id: string, send: boolean): Promise<boolean> {
    return this.commands.confirmById(id, send);
  }

  runCommand(command: ReminderCommand): Promise<string> {
    return command.name === "reminders"
      ? Promise.resolve(this.commands.list())
      : this.commands.cancel(command.number);
  }
}
