/**
 * Tokens, cache and budget through the real `pinch gateway`, the imsg
 * simulator and the fake provider: a conversation is served mostly from the
 * provider's prompt cache in all three wire formats, every turn's usage shows
 * in `pinch status`, and a daily budget stops a sender that keeps the
 * assistant talking.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_FAILURE_REPLY } from "../../app/agent/failure-reply.ts";
import { type StatusReport, StatusReportSchema } from "../../app/cli/status-command.ts";
import { type FakeApi, FakeLlmServer } from "../fake-llm/fake-llm-server.ts";
import { providerConfig } from "../fake-llm/model-gateway.ts";
import { type GatewayHarness, PINCH_BIN, startGateway } from "./gateway-harness.ts";

const run = promisify(execFile);
const friend = "+15555550123";
const owner = "+15555550100";
// About 1,500 tokens of instructions: past the 1,024 tokens a provider caches at least.
const systemPrompt = `You are a careful assistant. ${"Answer briefly and kindly. ".repeat(240)}`;

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

/** `pinch status --json` once it shows what `until` waits for (the gateway writes usage just after replying). */
async function statusWhen(gateway: GatewayHarness, until: (report: StatusReport) => boolean) {
  const deadline = Date.now() + 10_000;
  let report = StatusReportSchema.parse(JSON.parse(await pinchStatus(gateway)));
  while (!until(report) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    report = StatusReportSchema.parse(JSON.parse(await pinchStatus(gateway)));
  }
  return report;
}

async function pinchStatus(gateway: GatewayHarness, json = true) {
  const args = [PINCH_BIN, "status", "--config", gateway.configPath, "--state-dir", gateway.stateDir];
  const { stdout } = await run(process.execPath, json ? [...args, "--json"] : args, { encoding: "utf8" });
  return stdout;
}

describe("prompt caching and usage", () => {
  const apis: FakeApi[] = ["anthropic-messages", "openai-completions", "openai-responses"];
  for (const api of apis) {
    it(`${api}: later turns are read from the provider's cache, and pinch status adds up every turn`, async () => {
      const config = providerConfig({ baseUrl: fake.baseUrl, api, stream: api === "openai-responses" });
      harness = await startGateway({
        imessage: { dmPolicy: "open", allowFrom: ["*"] },
        extra: { ...config, agents: { defaults: { ...config.agents.defaults, systemPrompt } } },
        echo: false,
      });
      for (let turn = 1; turn <= 5; turn++) {
        harness.sim.injectInbound({ from: friend, text: `question number ${turn}` });
        await harness.waitForSent(turn);
      }
      const usages = fake.usages;
      expect(usages).toHaveLength(5);
      expect(usages[0]?.cacheRead).toBe(0);
      for (const usage of usages.slice(1)) expect(usage.cacheRead).toBeGreaterThan(0);
      const last = usages.at(-1);
      expect((last?.cacheRead ?? 0) / (last?.total ?? 1)).toBeGreaterThanOrEqual(0.9);

      const sum = (pick: (usage: (typeof usages)[number]) => number) =>
        usages.reduce((total, usage) => total + pick(usage), 0);
      const report = await statusWhen(
        harness,
        (shown) => shown.usage?.today.input === sum((usage) => usage.total),
      );
      expect(report.usage?.today.input).toBe(sum((usage) => usage.total));
      expect(report.usage?.today.cacheRead).toBe(sum((usage) => usage.cacheRead));
      expect(report.usage?.today.cacheWrite).toBe(sum((usage) => usage.cacheWrite));
      expect(report.usage?.month.input).toBe(report.usage?.today.input);
      // The fake model has no price: its tokens count and it is named as unpriced.
      expect(report.usage?.today.unpriced).toEqual(["fake/test-model"]);
      expect(await pinchStatus(harness, false)).toMatch(/^usage: [\d,]+ tokens today \([\d,]+ from cache\)/m);
    });
  }

  it("prices the day's tokens with models.prices", async () => {
    const config = providerConfig({ baseUrl: fake.baseUrl, api: "openai-completions" });
    harness = await startGateway({
      imessage: { dmPolicy: "open", allowFrom: ["*"] },
      extra: {
        ...config,
        models: { ...config.models, prices: { "fake/test-model": { input: 1_000_000, output: 0 } } },
      },
      echo: false,
    });
    harness.sim.injectInbound({ from: friend, text: "hello" });
    await harness.waitForSent(1);
    const tokens = fake.usages[0]?.total ?? 0;
    const report = await statusWhen(harness, (shown) => shown.usage !== undefined);
    // A dollar per token makes the estimate the token count.
    expect(report.usage?.today.cost).toBeCloseTo(tokens, 6);
    expect(report.usage?.today.unpriced).toEqual([]);
  });
});

describe("daily token budget", () => {
  it("stops a sender that keeps the assistant talking; the owner is told once, and again when they write", async () => {
    fake.respondWith(() => ({ kind: "reply", text: "Sure! And what do you think about that?" }));
    const config = providerConfig({ baseUrl: fake.baseUrl, api: "anthropic-messages" });
    harness = await startGateway({
      imessage: { dmPolicy: "open", allowFrom: ["*"] },
      extra: {
        ...config,
        commands: { ownerAllowFrom: [owner] },
      },
      echo: false,
    });
    const ownerChat = harness.sim.injectInbound({ from: owner, text: "good morning" }).chatId;
    await harness.waitForSent(1);
    // The owner's turn carries the tools' descriptions; each of the friend's costs some 30 to 60
    // tokens: room for a few more, not for a night of them.
    const budget = (fake.usages[0]?.total ?? 0) + 150;
    harness.editConfig((edited) => {
      edited.agents.defaults.dailyTokenBudget = budget;
    });
    await harness.waitForLog(/config reloaded/, 10_000);
    // A bot that answers every reply at once: each answer is the next message.
    let friendChat = 0;
    for (let turn = 1; turn <= 8; turn++) {
      friendChat = harness.sim.injectInbound({ from: friend, text: `reply ${turn}: and you?` }).chatId;
      await harness.waitForSent(turn, { chatId: friendChat });
    }
    const asked = fake.requests.length - 1;
    expect(asked).toBeGreaterThan(0);
    expect(asked).toBeLessThan(8);
    const texts = harness.sent({ chatId: friendChat }).map((row) => row.text);
    expect(texts.slice(asked)).toEqual(Array(8 - asked).fill(DEFAULT_FAILURE_REPLY));

    // One notice in the owner's chat, however many turns the budget stopped.
    const notices = () =>
      harness
        ?.sent({ chatId: ownerChat })
        .filter((row) =>
          (row.text ?? "").includes(`today's token budget (${budget.toLocaleString("en-US")} tokens)`),
        ) ?? [];
    await harness.waitForSent(2, { chatId: ownerChat });
    expect(notices()).toHaveLength(1);

    harness.sim.injectInbound({ from: owner, text: "why the silence?" });
    await harness.waitForSent(3, { chatId: ownerChat });
    expect(notices()).toHaveLength(2);
    expect(fake.requests.length).toBe(asked + 1);

    const report = StatusReportSchema.parse(JSON.parse(await pinchStatus(harness)));
    expect(report.running && report.agent?.budgetReached).toMatchObject({
      accountId: "default",
      budget,
    });
    expect(await pinchStatus(harness, false)).toMatch(/daily token budget reached for default/);
  });
});
