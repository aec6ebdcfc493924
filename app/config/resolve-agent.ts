import type { AgentConfig, PinchConfig } from "./schema.ts";

/** The agent id the reference uses when `agents.list` is empty. */
export const FALLBACK_AGENT_ID = "main";

/** The `agents.list` entry marked `default: true`, else the first, else `"main"`. */
export function resolveDefaultAgentId(config: PinchConfig): string {
  const list = config.agents?.list ?? [];
  return (list.find((agent) => agent.default === true) ?? list[0])?.id ?? FALLBACK_AGENT_ID;
}

export function findAgent(config: PinchConfig, agentId: string): AgentConfig | undefined {
  return config.agents?.list?.find((agent) => agent.id === agentId);
}
