import type { ToolSet } from "ai";
import type { PinchConfig } from "../config/schema.ts";
import type { AgentStatus } from "./agent-status.ts";

/**
 * What the channel hands an agent for one turn, and what it gets back. The
 * channel owns routing, admission and delivery; an agent only turns a
 * conversation into reply text.
 */
export interface AgentAttachment {
  path: string;
  mimeType?: string;
  bytes?: number;
  /** Set when the file was not passed (too large, outside the allowed roots). */
  skipped?: string;
}

export interface ContextMessage {
  sender: string;
  senderName?: string;
  text: string;
  at: string;
  fromMe: boolean;
}

export interface AgentTurn {
  agentId: string;
  sessionKey: string;
  accountId: string;
  isGroup: boolean;
  chatId: number;
  chatName?: string;
  sender: string;
  senderName?: string;
  /** The sender is the owner: the self-chat, or a sender on `commands.ownerAllowFrom`. */
  owner?: boolean;
  text: string;
  attachments: AgentAttachment[];
  /** Recent messages of the chat (group context, or DM seed history), oldest first. */
  context: ContextMessage[];
  /** Added to the agent's own system prompt (a group's `systemPrompt`). */
  extraSystemPrompt?: string;
  /** An inline reply: the message it answers, as Messages shows it above the bubble. */
  replyTo?: { sender: string; senderName?: string; text: string };
  /** The text is Apple's transcript of a voice memo, not typed. */
  voiceMemo?: boolean;
  /** The tools this sender may have the model use (reminders, catch-up); absent offers none. */
  tools?: ToolSet;
}

export interface AgentReply {
  /** Reply text as the model wrote it; the channel formats and chunks it. Empty means no reply. */
  text: string;
}

/**
 * Where an answer goes as it is written (block streaming). An attempt that
 * fails may start over only while nothing of it reached the chat.
 */
export interface AnswerStream {
  write(delta: string): void;
  /** Drops what the failed attempt wrote; false when part of it was already sent (then no other attempt starts). */
  restart(): boolean;
}

export interface Agent {
  /**
   * A note for the conversation that asks for no answer (a tapback on one of
   * the assistant's messages): the next turn of the session sees it.
   */
  note?(sessionKey: string, text: string): Promise<void>;
  reply(turn: AgentTurn, signal: AbortSignal, stream?: AnswerStream): Promise<AgentReply>;
  /** Forgets a session's conversation (`/new`, `/reset`). */
  resetSession(sessionKey: string): Promise<void>;
  /** The gateway's config, at start and after every reload. */
  applyConfig?(config: PinchConfig): void;
  status?(): AgentStatus;
  /** Called when the status changes state or records a new error (not on every success). */
  watchStatus?(listener: (status: AgentStatus) => void): void;
  /** Finishes pending writes (sessions) before the process ends. */
  close?(): Promise<void>;
}
