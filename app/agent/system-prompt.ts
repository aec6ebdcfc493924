import { findAgent } from "../config/resolve-agent.ts";
import type { PinchConfig } from "../config/schema.ts";
import type { AgentTurn } from "./agent.ts";

/** Used when neither the agent nor `agents.defaults` has a `systemPrompt`. */
export const DEFAULT_SYSTEM_PROMPT =
  "You are a helpful personal assistant replying to text messages over iMessage. " +
  "Write plain text only: no Markdown, no headings, no tables. " +
  "Keep replies brief, like a text message, unless you are asked for more.";

/**
 * The agent's own prompt, then (in groups) how to read the speaker labels,
 * then the group's `systemPrompt` (spec §6). Stable across the turns of a
 * session, so providers can cache it.
 */
export function buildSystemPrompt(config: PinchConfig, turn: AgentTurn): string {
  const own =
    findAgent(config, turn.agentId)?.systemPrompt ??
    config.agents?.defaults?.systemPrompt ??
    DEFAULT_SYSTEM_PROMPT;
  const parts = [own.trim()];
  if (turn.isGroup) {
    const named = turn.chatName ? ` named "${turn.chatName}"` : "";
    parts.push(
      `This is an iMessage group chat${named} with several people. Each of their messages starts with the speaker in square brackets, for example [Alice (+15551234567)]. Answer the latest message; do not start your reply with a label.`,
    );
  }
  if (turn.extraSystemPrompt?.trim()) parts.push(turn.extraSystemPrompt.trim());
  return parts.filter(Boolean).join("\n\n");
}

/** How a person is named in a group or in seeded history: their name and handle, or the handle alone. */
export function speakerLabel(sender: string, senderName?: string): string {
  return senderName && senderName !== sender ? `${senderName} (${sender})` : sender;
}
