import type { AgentAttachment, AgentTurn } from "../agent/agent.ts";
import type { Message } from "../imsg/protocol.ts";

/**
 * The seams around one turn, so behaviour that cuts across every turn plugs
 * in here instead of wrapping the agent.
 *
 * A gate is asked just before the agent: it returns why the agent is not to
 * be asked this time (replies paused), or null. Commands still run.
 */
export type TurnGate = (turn: AgentTurn) => string | null;

/**
 * The turn's attachments as the agent should see them, resolved from the
 * row (local files checked against the allowed roots, or copies fetched from
 * a remote Mac). `release` runs once the turn is over (temporary copies).
 */
export interface AttachmentSource {
  resolve(message: Message): Promise<{ attachments: AgentAttachment[]; release?: () => Promise<void> }>;
}

/** A gate for "Pause replies": messages are read and settled, nobody is answered. */
export function pausedGate(isPaused: () => boolean): TurnGate {
  return () => (isPaused() ? "replies are paused" : null);
}
