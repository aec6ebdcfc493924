import type { PinchConfig } from "../config/schema.ts";
import type { Agent } from "./agent.ts";
import type { AgentStatus } from "./agent-status.ts";
import { createEchoAgent } from "./echo-agent.ts";
import type { ModelAgent, ModelAgentOptions } from "./model-agent.ts";
import { resolveModelChain } from "./model-config.ts";
import { createSetupNoticeAgent } from "./setup-notice-agent.ts";

export interface WithoutModel {
  /**
   * Echo every admitted message while no model is set up (the demo and the gateway tests). Off, only
   * the owner is answered, with a note to set up a model.
   */
  echo?: boolean;
}

/**
 * The gateway's agent: the model agent for any agent with a model in the
 * config; otherwise a note to the owner that a model is missing (or the echo agent, when asked for). It follows config reloads, so adding a
 * model takes effect without a restart. The model side (and the SDK under it)
 * is loaded on first need, so a gateway without models starts as fast as before.
 */
export function createConfiguredAgent(options: ModelAgentOptions, withoutModel: WithoutModel = {}): Agent {
  const fallback = withoutModel.echo ? createEchoAgent() : createSetupNoticeAgent();
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
    async reply(turn, signal, stream) {
      return hasModel(turn.agentId)
        ? (await model()).reply(turn, signal, stream)
        : fallback.reply(turn, signal, stream);
    },
    async note(sessionKey, text) {
      // Session keys name their agent (`agent:<id>:…`); without a model there is no conversation to keep.
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
