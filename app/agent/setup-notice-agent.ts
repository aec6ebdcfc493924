import type { Agent, AgentReply, AgentTurn } from "./agent.ts";

/** What the owner reads while no model is set up: the assistant works, it has nothing to think with yet. */
export const SETUP_MODEL_NOTICE = "Set up a model in Pinch to get real answers.";

/**
 * The agent while no model is set up: the owner learns what is missing, everyone else gets no
 * answer. Echoing a stranger's words back from the owner's Apple ID would speak for the owner.
 */
export function createSetupNoticeAgent(): Agent {
  return {
    async reply(turn: AgentTurn): Promise<AgentReply> {
      return { text: turn.owner ? SETUP_MODEL_NOTICE : "" };
    },
    async resetSession(): Promise<void> {},
  };
}
