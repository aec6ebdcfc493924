import type { PinchConfig } from "../config/schema.ts";
import type { Agent } from "./agent.ts";
import { createEchoAgent } from "./echo-agent.ts";
import { ModelAgent, type ModelAgentOptions } from "./model-agent.ts";

/**
 * The gateway's agent: the model agent for any agent with a model in the
 * config, the echo agent otherwise. It follows config reloads, so adding a
 * model takes effect without a restart.
 */
export function createConfiguredAgent(options: ModelAgentOptions): Agent & { readonly model: ModelAgent } {
  const model = new ModelAgent(options);
  const echo = createEchoAgent();
  return {
    model,
    applyConfig(config: PinchConfig) {
      model.applyConfig(config);
    },
    reply(turn, signal) {
      return model.chain(turn.agentId).kind === "none" ? echo.reply(turn, signal) : model.reply(turn, signal);
    },
    resetSession(sessionKey) {
      return model.resetSession(sessionKey);
    },
    status() {
      return model.status();
    },
    close() {
      return model.close();
    },
  };
}
