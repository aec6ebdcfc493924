import type { Agent } from "../agent/agent.ts";

/**
 * "Pause replies" from the tray: while paused the agent is not asked and the turn gets no reply
 * (an empty reply means none), so messages are read and settled but nobody is answered, and
 * nothing piles up to be answered in a burst when replies resume.
 */
export function createPausableAgent(agent: Agent, isPaused: () => boolean): Agent {
  const paused: Agent = {
    reply: (turn, signal) => (isPaused() ? Promise.resolve({ text: "" }) : agent.reply(turn, signal)),
    resetSession: (key) => agent.resetSession(key),
  };
  if (agent.applyConfig) paused.applyConfig = (config) => agent.applyConfig?.(config);
  if (agent.status) paused.status = () => agent.status?.() ?? { state: "idle" };
  if (agent.close) paused.close = () => agent.close?.() ?? Promise.resolve();
  return paused;
}
