// Reminders set the way the owner sets them: in the self-chat, with a model (the fake provider on
// 127.0.0.1) that calls the remind or schedule_message tool, through the real core.
import { FakeLlmServer } from "../fake-llm/fake-llm-server.ts";
import { relayToolResult } from "../fake-llm/fake-tool-calls.ts";
import { providerConfig } from "../fake-llm/model-gateway.ts";
import type { CoreHarness } from "./core-harness.ts";

export interface ChatModel {
  /** The owner asks in the self-chat; the model calls `tool` with `input`; resolves with the answer sent. */
  ask(text: string, tool: string, input: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export async function chatWithModel(core: CoreHarness): Promise<ChatModel> {
  const fake = await FakeLlmServer.start(relayToolResult);
  const reloads = await core.logCount("config reloaded");
  const model = providerConfig({
    baseUrl: fake.baseUrl,
    api: "anthropic-messages",
    apiKey: "test-key-not-real",
  });
  const saved = await core.service.invoke("config.patch", {
    edits: [
      { keyPath: "models", value: model.models },
      { keyPath: "agents.defaults", value: model.agents.defaults },
    ],
  });
  if (!saved.ok) throw new Error(`could not set up the model: ${saved.error.message}`);
  await core.waitForLog("config reloaded", reloads);
  return {
    async ask(text, tool, input) {
      fake.script({ kind: "tool-call", name: tool, input });
      const since = core.sim.maxRowid();
      const { chat } = core.sim.injectSelfChat({ text });
      // The self-chat's own rows are the owner's; the answer is the next row the gateway writes.
      return core.waitForSent(chat.id, (sent) => sent !== text, since + 2);
    },
    close: () => fake.close(),
  };
}
