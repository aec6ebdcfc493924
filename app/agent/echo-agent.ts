import { saidText } from "../imsg/said-text.ts";
import type { Agent, AgentReply, AgentTurn } from "./agent.ts";

/** The built-in agent of the demo and the tests: answers `echo: <what the person wrote>`. */
export function createEchoAgent(): Agent {
  return {
    async reply(turn: AgentTurn): Promise<AgentReply> {
      const files = turn.attachments.map(
        (file) => ` [${file.skipped ? `skipped: ${file.skipped}` : file.path}]`,
      );
      return { text: `echo: ${saidText(turn.text)}${files.join("")}` };
    },
    async resetSession(): Promise<void> {},
  };
}
