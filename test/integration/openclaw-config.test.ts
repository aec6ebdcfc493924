import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeLlmServer } from "../fake-llm/fake-llm-server.ts";
import { type GatewayHarness, PINCH_BIN, startGateway } from "./gateway-harness.ts";
import { copyOpenclawHome, onSimulator } from "./openclaw-home.ts";

let gateway: GatewayHarness | undefined;
let model: FakeLlmServer | undefined;
afterEach(async () => {
  await gateway?.stop();
  await model?.close();
  gateway = undefined;
  model = undefined;
});

/** The reference's keys in the fixture that Pinch does not act on. */
const IGNORED = [
  "gateway",
  "agents.defaults.workspace",
  "messages.ackReaction",
  "commands.native",
  "commands.text",
  "session.reset",
  "channels.telegram",
  "tools",
];

describe("an OpenClaw config, run by Pinch as it is", () => {
  it("the gateway runs it: an allowFrom sender is answered by the configured model", async () => {
    model = await FakeLlmServer.start();
    const openclaw = copyOpenclawHome();
    const macs = onSimulator(openclaw, { modelBaseUrl: model.baseUrl });
    gateway = await startGateway({
      sim: macs.personal,
      configPath: openclaw.configFile,
      stateDir: path.join(openclaw.home, "pinch-state"),
      env: { ANTHROPIC_API_KEY: "not-a-real-key" },
    });
    macs.personal.injectInbound({ from: "+15555550123", text: "are you there" });
    const [reply] = await gateway.waitForSent(1, { timeoutMs: 15_000 });
    // `responsePrefix: "auto"` is the agent's name in brackets.
    expect(reply?.text).toMatch(/^\[Clawd\] .*reply: are you there/s);
    expect(model.requests.at(-1)?.api).toBe("anthropic-messages");
  });

  it("pinch doctor names each reference key it ignores, and no other", () => {
    const openclaw = copyOpenclawHome();
    onSimulator(openclaw);
    const result = spawnSync(
      process.execPath,
      [PINCH_BIN, "doctor", "--config", openclaw.configFile, "--state-dir", path.join(openclaw.home, "s")],
      { encoding: "utf8", env: { ...process.env, IMSG_SIM_POLL_MS: "10" } },
    );
    const configNotes = result.stdout.split("\n").filter((line) => line.startsWith("! config: "));
    const named = configNotes.map((line) =>
      IGNORED.find((key) => line.includes(`${key}:`) || line.includes(`${key} `)),
    );
    expect(named).toEqual(IGNORED);
  });
});
