import type { Agent } from "../agent/agent.ts";
import { withReply } from "../agent/with-reply.ts";

/**
 * "Pause replies" from the tray: while paused the agent is not asked and the turn gets no reply
 * (an empty reply means none), so messages are read and settled but nobody is answered, and
 * nothing piles up to be answered in a burst when replies resume.
 */
export function createPausableAgent(agent: Agent, isPaused: () => boolean): Agent {
  return withReply(agent, (turn, signal) =>
    isPaused() ? Promise.resolve({ text: "" }) : agent.reply(turn, signal),
  );
}
