/**
 * One request's conversation: the stored session, what the channel passed as
 * context (DM seed history or recent group messages), and the new message,
 * trimmed from the oldest end to fit the model's context window.
 *
 * Each request repeats the previous one byte for byte and adds to its end
 * (prompt-cache.ts relies on it): a message is kept exactly as it was sent,
 * group context included, and nothing earlier is rewritten.
 */
import type { ModelMessage } from "ai";
import { saidText } from "../imsg/said-text.ts";
import type { AgentTurn, ContextMessage } from "./agent.ts";
import type { AttachmentInput } from "./attachment-parts.ts";
import type { ResolvedModel } from "./model-config.ts";
import type { SessionMessage } from "./session-store.ts";
import { speakerLabel } from "./system-prompt.ts";
import { estimateTokens, IMAGE_TOKENS, trimHistory } from "./token-budget.ts";

export interface TurnInput {
  /** The new user message as it is kept in the session. */
  stored: SessionMessage;
  /** The new user message's text as sent this time (the same as `stored.text`). */
  sentText: string;
}

export function buildTurnInput(
  turn: AgentTurn,
  history: readonly SessionMessage[],
  attachments: AttachmentInput,
  at: string,
): TurnInput {
  const said = saidText(turn.text);
  const label = turn.isGroup ? `[${speakerLabel(turn.sender, turn.senderName)}] ` : "";
  const spoken = turn.voiceMemo ? `(voice memo, as Apple transcribed it) ${said}` : said;
  const own = [replyLine(turn), `${label}${spoken}`.trim(), ...attachments.notes].filter(Boolean).join("\n");
  const base = {
    role: "user" as const,
    said,
    at,
    ...(turn.isGroup ? { sender: turn.sender } : {}),
  };
  if (turn.isGroup) {
    // Group context rides along with the message it arrived with and is kept with it, so the next
    // request repeats this one; messages the session already holds or already saw are left out.
    const known = new Set(
      history.flatMap((message) => [
        ...(message.role === "user" ? [contextKey(message.sender ?? "", message.said ?? "")] : []),
        ...(message.context ?? []),
      ]),
    );
    const fresh = turn.context.filter((entry) => !known.has(contextKey(entry.sender, saidText(entry.text))));
    const block = contextBlock(
      "Recent messages in this group, oldest first (context only, not addressed to you):",
      fresh,
    );
    const text = block ? `${block}\n\n${own}` : own;
    const seen = fresh.map((entry) => contextKey(entry.sender, saidText(entry.text)));
    return { stored: { ...base, text, ...(seen.length > 0 ? { context: seen } : {}) }, sentText: text };
  }
  // A DM's seed history is part of the session from its first turn on, so it is kept.
  const seed =
    history.length === 0
      ? contextBlock("Earlier messages in this conversation, oldest first:", turn.context)
      : "";
  const text = seed ? `${seed}\n\nNew message:\n${own}` : own;
  return { stored: { ...base, text }, sentText: text };
}

/** The request's messages for one model: as much history as its context window leaves room for. */
export function buildMessages(
  model: ResolvedModel,
  system: string,
  history: readonly SessionMessage[],
  input: TurnInput,
  images: AttachmentInput["images"],
): ModelMessage[] {
  const sendImages = model.images ? images : [];
  const reserved =
    model.maxTokens +
    estimateTokens(system) +
    estimateTokens(input.sentText) +
    sendImages.length * IMAGE_TOKENS;
  const kept = trimHistory(history, Math.max(0, model.contextWindow - reserved));
  const messages: ModelMessage[] = kept.map((message) =>
    message.role === "user"
      ? { role: "user", content: message.text }
      : { role: "assistant", content: message.text },
  );
  messages.push(
    sendImages.length > 0
      ? { role: "user", content: [{ type: "text", text: input.sentText }, ...sendImages] }
      : { role: "user", content: input.sentText },
  );
  return messages;
}

/** What an inline reply answers, clipped: the model needs the gist, not a second copy of a long message. */
function replyLine(turn: AgentTurn): string {
  if (!turn.replyTo) return "";
  const text = saidText(turn.replyTo.text);
  const clipped = text.length > REPLY_QUOTE_CHARS ? `${text.slice(0, REPLY_QUOTE_CHARS)}…` : text;
  return `(replying to ${speakerLabel(turn.replyTo.sender, turn.replyTo.senderName)}: "${clipped}")`;
}

const REPLY_QUOTE_CHARS = 300;

function contextKey(sender: string, said: string): string {
  return `${sender}\0${said}`;
}

function contextBlock(heading: string, entries: readonly ContextMessage[]): string {
  const lines = entries
    .map((entry) => {
      const text = saidText(entry.text);
      if (!text) return "";
      const who = entry.fromMe ? "you" : speakerLabel(entry.sender, entry.senderName);
      return `[${who}] ${text}`;
    })
    .filter(Boolean);
  return lines.length > 0 ? `${heading}\n${lines.join("\n")}` : "";
}
