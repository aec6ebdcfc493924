/**
 * `pinch gateway` as a user runs it, with a model configured: the key named
 * by `env:NAME` reaches the provider and appears nowhere in the output, even
 * when the provider's error quotes it.
 */
import { spawnSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeLlmServer } from "../fake-llm/fake-llm-server.ts";
import { providerConfig } from "../fake-llm/model-gateway.ts";
import { type GatewayHarness, PINCH_BIN, startGateway, waitFor } from "./gateway-harness.ts";

const friend = "+15555550123";
// Key-shaped, so the logger's pattern masking is exercised too; built here so no key-shaped
// literal is kept in the repository.
const key = ["sk", "pinch", "test", "9f8e7d6c5b4a3210"].join("-");

let fake: FakeLlmServer;
let harness: GatewayHarness | undefined;
beforeEach(async () => {
  fake = await FakeLlmServer.start();
});
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  await fake.close();
});

describe("pinch gateway with a model", () => {
  it("uses the key from env:NAME and never prints it", async () => {
    fake.script({ kind: "error", status: 401, message: `Incorrect API key provided: ${key}` });
    harness = await startGateway({
      imessage: { dmPolicy: "open", allowFrom: ["*"] },
      extra: providerConfig({
        baseUrl: fake.baseUrl,
        api: "openai-completions",
        apiKey: "env:FAKE_API_KEY",
      }),
      env: { FAKE_API_KEY: key },
    });
    harness.sim.injectInbound({ from: friend, text: "first" });
    await harness.waitForSent(1);
    harness.sim.injectInbound({ from: friend, text: "second" });
    const sent = await harness.waitForSent(2);
    expect(sent[1]?.text).toBe("reply: second");
    expect(fake.requests.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${key}`,
      `Bearer ${key}`,
    ]);
    const stopped = harness;
    harness = undefined;
    await stopped.stop();
    const output = stopped.logs();
    expect(output).toContain("no model could answer");
    expect(output).not.toContain(key);
    expect(output).not.toContain(key.slice(8));
  });

  it("pinch status shows the model failing with its real error, masked, and ok once it answers", async () => {
    fake.script({ kind: "error", status: 401, message: `Incorrect API key provided: ${key}` });
    const running = await startGateway({
      imessage: { dmPolicy: "open", allowFrom: ["*"] },
      extra: providerConfig({
        baseUrl: fake.baseUrl,
        api: "openai-completions",
        apiKey: "env:FAKE_API_KEY",
      }),
      env: { FAKE_API_KEY: key },
    });
    harness = running;
    const status = () => {
      const result = spawnSync(process.execPath, [PINCH_BIN, "status", "--state-dir", running.stateDir], {
        encoding: "utf8",
      });
      return result.stdout + result.stderr;
    };
    running.sim.injectInbound({ from: friend, text: "first" });
    await running.waitForSent(1);
    await waitFor(() => status().includes("model: failing"), 10_000, status);
    expect(status()).toContain("Incorrect API key provided: [redacted]");
    expect(status()).not.toContain(key.slice(8));
    running.sim.injectInbound({ from: friend, text: "second" });
    await running.waitForSent(2);
    await waitFor(() => status().includes("model: ok, last answer from"), 10_000, status);
  });

  it("answers with the echo agent while no model is configured", async () => {
    harness = await startGateway({ imessage: { dmPolicy: "open", allowFrom: ["*"] } });
    harness.sim.injectInbound({ from: friend, text: "ping" });
    expect((await harness.waitForSent(1))[0]?.text).toBe("echo: ping");
    expect(fake.requests).toHaveLength(0);
  });
});
