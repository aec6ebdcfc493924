import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createEchoAgent } from "../../../app/agent/echo-agent.ts";
import { Gateway } from "../../../app/gateway/gateway.ts";
import { silentLogger } from "../../../app/log/logger.ts";
import { createPausableAgent } from "../../../app/menubar/pausable-agent.ts";
import { imsgShimPath, SimDb } from "../../imsg-sim/sim-db.ts";
import { waitFor } from "../../integration/gateway-harness.ts";

const friend = "+15555550123";
let running: { gateway: Gateway; sim: SimDb } | undefined;
afterEach(async () => {
  await running?.gateway.stop();
  running?.sim.close();
  running = undefined;
});

describe("Pause replies", () => {
  it("a message that arrives while paused is read but never answered, not even after resuming", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pinch-pause-"));
    const sim = SimDb.create({ path: join(dir, "chat.db") });
    writeFileSync(
      join(dir, "pinch.json5"),
      JSON.stringify({
        channels: {
          imessage: { cliPath: imsgShimPath(), dbPath: sim.path, dmPolicy: "open", allowFrom: ["*"] },
        },
      }),
    );
    let paused = true;
    const pausable = createPausableAgent(createEchoAgent(), () => paused);
    const asked: string[] = [];
    const gateway = await Gateway.start({
      configPath: join(dir, "pinch.json5"),
      stateDir: join(dir, "state"),
      agent: {
        ...pausable,
        reply: (turn, signal) => {
          asked.push(turn.text);
          return pausable.reply(turn, signal);
        },
      },
      log: silentLogger,
      watchDebounceMs: 0,
      env: { ...process.env, IMSG_SIM_POLL_MS: "10" },
    });
    running = { gateway, sim };
    await gateway.whenReady();
    const sentTexts = () => sim.sentMessages({ sinceRowid: 0 }).map((row) => row.text);

    sim.injectInbound({ from: friend, text: "while paused" });
    await waitFor(
      () => asked.includes("while paused"),
      10_000,
      () => "the paused message never reached the agent",
    );
    paused = false;
    sim.injectInbound({ from: friend, text: "after resuming" });
    await waitFor(
      () => sentTexts().length > 0,
      10_000,
      () => "no reply after resuming",
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sentTexts()).toEqual(["echo: after resuming"]);
  });

  it("passes the rest of the agent through", async () => {
    const calls: string[] = [];
    const agent = createPausableAgent(
      {
        reply: async () => ({ text: "hi" }),
        resetSession: async (key) => {
          calls.push(`reset ${key}`);
        },
        applyConfig: () => calls.push("applyConfig"),
        status: () => ({ state: "ok" }),
        close: async () => {
          calls.push("close");
        },
      },
      () => false,
    );
    await agent.resetSession("s");
    agent.applyConfig?.({});
    await agent.close?.();
    expect(agent.status?.()).toEqual({ state: "ok" });
    expect(calls).toEqual(["reset s", "applyConfig", "close"]);
  });
});
