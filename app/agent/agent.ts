import type { PinchConfig } from "../config/schema.ts";

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
  text: string;
  attachments: AgentAttachment[];
  /** Recent messages of the chat (group context, or DM seed history), oldest first. */
  context: ContextMessage[];
  /** Added to the agent's own system prompt (a group's `systemPrompt`). */
  extraSystemPrompt?: string;
}

export interface AgentReply {
  /** Reply text as the model wrote it; the channel formats and chunks it. Empty means no reply. */
  text: string;
}

/** How the model side is doing, for the status view: the owner sees the real error here. */
export interface AgentStatus {
  state: "idle" | "ok" | "failing";
  lastSuccess?: { at: string; model: string };
  lastError?: { at: string; model?: string; message: string };
}

export interface Agent {
  reply(turn: AgentTurn, signal: AbortSignal): Promise<AgentReply>;
  /** Forgets a session's conversation (`/new`, `/reset`). */
  resetSession(sessionKey: string): Promise<void>;
  /** The gateway's config, at start and after every reload. */
  applyConfig?(config: PinchConfig): void;
  status?(): AgentStatus;
  /** Finishes pending writes (sessions) before the process ends. */
  close?(): Promise<void>;
}
