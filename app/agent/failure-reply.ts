import type { PinchConfig } from "../config/schema.ts";

/** What a sender reads when no answer could be had; the real error goes to the log and the status. */
export const DEFAULT_FAILURE_REPLY = "Sorry, I can't answer right now. Please try again in a little while.";

/** `agents.defaults.failureReply`, else the default: the one text for every way a turn can fail. */
export function failureReply(config: PinchConfig): string {
  return config.agents?.defaults?.failureReply ?? DEFAULT_FAILURE_REPLY;
}

/**
 * Thrown by an agent that tried everything it could (every model, every
 * retry). It has already logged the real errors and put them in its status,
 * so the channel only answers the sender with the failure reply.
 */
export class AgentGaveUp extends Error {
  override name = "AgentGaveUp";
}
