import type { Agent } from "../agent/agent.ts";
import { speakerLabel } from "../agent/system-prompt.ts";
import type { Message } from "../imsg/protocol.ts";
import type { Admission } from "./admission.ts";
import type { ChatMemory } from "./chat-memory.ts";
import type { ChannelSettings } from "./turn-runner.ts";

/** Apple's six classic tapbacks, as imsg names them. */
const TAPBACK_EMOJI: Record<string, string> = {
  love: "❤️",
  like: "👍",
  dislike: "👎",
  laugh: "😂",
  emphasis: "‼️",
  question: "❓",
};

const QUOTE_CHARS = 120;

/**
 * Tapbacks as context (`reactionNotifications`): a reaction someone admitted
 * puts a short note into the conversation, which the next turn reads. It is
 * never a turn of its own and never a pairing code. `own` (the default)
 * notes only reactions to the assistant's own messages.
 */
export class ReactionNotes {
  private readonly parts: {
    agent: Agent;
    memory: ChatMemory;
    settings(): ChannelSettings;
    admit(message: Message): Admission;
  };

  constructor(parts: ReactionNotes["parts"]) {
    this.parts = parts;
  }

  async note(reaction: Message): Promise<void> {
    const mode = this.parts.settings().account.reactionNotifications;
    if (mode === "off" || reaction.is_reaction_add === false || reaction.is_from_me) return;
    const ours = reaction.reacted_to_guid
      ? this.parts.memory.ownMessage(reaction.reacted_to_guid)
      : undefined;
    if (mode === "own" && ours === undefined) return;
    const admission = this.parts.admit(reaction);
    if (admission.kind !== "turn" && admission.kind !== "context-only") return;
    const who = speakerLabel(reaction.sender ?? "someone", reaction.sender_name);
    const emoji = reaction.reaction_emoji || TAPBACK_EMOJI[reaction.reaction_type ?? ""] || "a tapback";
    const target = ours === undefined ? "a message" : `your message "${clip(ours)}"`;
    const text = `${who} reacted ${emoji} to ${target}`;
    if (admission.kind === "turn" && !admission.isGroup) {
      await this.parts.agent.note?.(admission.sessionKey, `(${text})`);
      return;
    }
    this.parts.memory.groups.add(
      reaction.chat_id,
      { sender: reaction.sender ?? "unknown", text: `(${text})`, at: reaction.created_at, fromMe: false },
      this.parts.settings().account.historyLimit,
    );
  }
}

function clip(text: string): string {
  return text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text;
}
