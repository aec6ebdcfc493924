import type { PinchConfig } from "../config/schema.ts";
import type { Agent } from "./agent.ts";
import type { AgentStatus } from "./agent-status.ts";
import { createEchoAgent } from "./echo-agent.ts";
import type { ModelAgent, ModelAgentOptions } from "./model-agent.ts";
import { resolveModelChain } from "./model-config.ts";

/**
 * The gateway's agent: the model agent for any agent with a model in the
 * config, the echo agent otherwise. It follows config reloads, so adding a
 * model takes effect without a restart. The model side (and the SDK under it)
 * is loaded on first need, so a gateway without models starts as fast as before.
 */
export function createConfiguredAgent(options: ModelAgentOptions): Agent {
  const echo = createEchoAgent();
  let config: PinchConfig = {};
  let loaded: ModelAgent | null = null;
  let loading: Promise<ModelAgent> | null = null;
  let statusListener: ((status: AgentStatus) => void) | undefined;
  const model = (): Promise<ModelAgent> => {
    loading ??= import("./model-agent.ts").then(({ ModelAgent }) => {
      loaded = new ModelAgent({ ...options, onStatus: (status) => statusListener?.(status) });
      loaded.applyConfig(config);
      return loaded;
    });
    return loading;
  };
  const hasModel = (agentId: string) => resolveModelChain(config, agentId).kind !== "none";
  return {
    applyConfig(next: PinchConfig) {
      config = next;
      loaded?.applyConfig(next);
    },
    async reply(turn, signal) {
      return hasModel(turn.agentId) ? (await model()).reply(turn, signal) : echo.reply(turn, signal);
    },
    async note(sessionKey, text) {
      // Session keys name their agent (`agent:<id>:…`); the echo agent keeps no conversation.
      const agentId = sessionKey.split(":")[1] ?? "";
      if (hasModel(agentId)) await (await model()).note(sessionKey, text);
    },
    async resetSession(sessionKey) {
      await (await model()).resetSession(sessionKey);
    },
    status(): AgentStatus {
      return loaded?.status() ?? { state: "idle" };
    },
    watchStatus(listener) {
      statusListener = listener;
    },
    async close() {
      await loaded?.close();
    },
  };
}
