import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AgentTurn } from "../../../app/agent/agent.ts";
import { createConfiguredAgent } from "../../../app/agent/configured-agent.ts";
import { SETUP_MODEL_NOTICE } from "../../../app/agent/setup-notice-agent.ts";
import { silentLogger } from "../../../app/log/logger.ts";
import { createEnvSecretResolver } from "../../../app/secrets/env-secret-resolver.ts";

const turn = (owner: boolean): AgentTurn => ({
  agentId: "main",
  sessionKey: "agent:main:imessage:+15555550123",
  accountId: "default",
  isGroup: false,
  chatId: 1,
  sender: "+15555550123",
  ...(owner ? { owner: true } : {}),
  text: "hello",
  attachments: [],
  context: [],
});

function agentWithoutModel(echo?: boolean) {
  const options = {
    stateDir: mkdtempSync(join(tmpdir(), "pinch-agent-")),
    log: silentLogger,
    secrets: createEnvSecretResolver({}),
  };
  const agent = createConfiguredAgent(options, echo === undefined ? {} : { echo });
  agent.applyConfig?.({});
  return agent;
}

describe("the agent while no model is set up", () => {
  const signal = new AbortController().signal;

  it("tells the owner to set up a model", async () => {
    expect((await agentWithoutModel().reply(turn(true), signal)).text).toBe(SETUP_MODEL_NOTICE);
  });

  it("gives anyone else no answer", async () => {
    expect((await agentWithoutModel().reply(turn(false), signal)).text).toBe("");
  });

  it("echoes everyone when asked to (the demo)", async () => {
    expect((await agentWithoutModel(true).reply(turn(false), signal)).text).toBe("echo: hello");
  });
});
