import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Agent } from "../../../app/agent/agent.ts";
import { createEchoAgent } from "../../../app/agent/echo-agent.ts";
import { pausedGate } from "../../../app/channel/turn-hooks.ts";
import { coreContext } from "../../../app/core-context.ts";
import { Gateway } from "../../../app/gateway/gateway.ts";
import { createLogger } from "../../../app/log/logger.ts";
import { imsgShimPath, SimDb } from "../../imsg-sim/sim-db.ts";
import { waitFor } from "../../integration/gateway-harness.ts";

const friend = "+15555550123";
let running: { gateway: Gateway; sim: SimDb } | undefined;
afterEach(async () => {
  await running?.gateway.stop();
  running?.sim.close();
  running = undefined;
});

async function startPausable(isPaused: () => boolean) {
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
  const echo = createEchoAgent();
  const asked: string[] = [];
  const agent: Agent = {
    ...echo,
    reply: (turn, signal) => {
      asked.push(turn.text);
      return echo.reply(turn, signal);
    },
  };
  const lines: string[] = [];
  const log = createLogger({
    level: "debug",
    format: "json",
    sink: { write: (line: string) => lines.push(line) },
  });
  const gateway = await Gateway.start(
    coreContext({
      configPath: join(dir, "pinch.json5"),
      stateDir: join(dir, "state"),
      log,
      env: { ...process.env, IMSG_SIM_POLL_MS: "10" },
    }),
    { agent, gates: [pausedGate(isPaused)] },
  );
  running = { gateway, sim };
  await gateway.whenReady();
  const sentTexts = () => sim.sentMessages({ sinceRowid: 0 }).map((row) => row.text);
  return { sim, asked, lines, sentTexts };
}

describe("Pause replies", () => {
  it("a message that arrives while paused is read but never answered, not even after resuming", async () => {
    let paused = true;
    const { sim, asked, lines, sentTexts } = await startPausable(() => paused);

    sim.injectInbound({ from: friend, text: "while paused" });
    await waitFor(
      () => lines.some((line) => line.includes("replies are paused")),
      10_000,
      () => "the paused message was never read",
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
    expect(asked).toEqual(["after resuming"]);
  });

  it("chat commands still run while replies are paused", async () => {
    const { sim, asked, sentTexts } = await startPausable(() => true);
    sim.injectInbound({ from: friend, text: "/new" });
    await waitFor(
      () => sentTexts().length > 0,
      10_000,
      () => "the command got no answer",
    );
    expect(sentTexts()).toEqual(["Started a new conversation."]);
    expect(asked).toEqual([]);
  });
});
