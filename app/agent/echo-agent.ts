import type { Agent, AgentReply, AgentTurn } from "./agent.ts";

/** The built-in agent of the demo and the tests: answers `echo: <text>`. */
export function createEchoAgent(): Agent {
  return {
    async reply(turn: AgentTurn): Promise<AgentReply> {
      const files = turn.attachments.map(
        (file) => ` [${file.skipped ? `skipped: ${file.skipped}` : file.path}]`,
      );
      return { text: `echo: ${turn.text}${files.join("")}` };
    },
    async resetSession(): Promise<void> {},
  };
}
