import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AgentTurn } from "../../../app/agent/agent.ts";
import { dailyTokenBudget } from "../../../app/usage/daily-budget.ts";
import { BUILT_IN_PRICES, costOf } from "../../../app/usage/model-prices.ts";
import { localDay, type UsageFile } from "../../../app/usage/usage-file.ts";
import { readUsageFile, UsageLedger } from "../../../app/usage/usage-ledger.ts";
import { UsageMeter } from "../../../app/usage/usage-meter.ts";
import { describeUsage, summarizeUsage } from "../../../app/usage/usage-summary.ts";

const stateDir = () => mkdtempSync(join(tmpdir(), "pinch-usage-"));
const usage = (input: number, cacheRead: number, cacheWrite: number, output: number) => ({
  input,
  cacheRead,
  cacheWrite,
  output,
});
const turn = { accountId: "default", sessionKey: "agent:main:main" } as AgentTurn;

describe("cost", () => {
  it("prices cached reads and cache writes at their own rates", () => {
    const sonnet = BUILT_IN_PRICES["anthropic/claude-sonnet-4-5"];
    if (!sonnet) throw new Error("no built-in Sonnet price");
    // 1M prompt tokens: 800k read from cache, 100k written, 100k fresh; 10k written out.
    const dollars = costOf(usage(1_000_000, 800_000, 100_000, 10_000), sonnet);
    expect(dollars).toBeCloseTo(0.1 * 3 + 0.8 * 0.3 + 0.1 * 3.75 + 0.01 * 15, 10);
  });

  it("falls back to the input price when a model has no cache prices", () => {
    expect(costOf(usage(2_000_000, 1_000_000, 0, 0), { input: 1, output: 2 })).toBeCloseTo(2, 10);
  });

  it("sums today and this month, prefers the config's prices, and names models without one", () => {
    const now = new Date(2026, 11, 4, 15, 0);
    const file: UsageFile = {
      version: 1,
      days: {
        [localDay(now)]: {
          accounts: {},
          sessions: {},
          models: {
            "openai/gpt-5-mini": usage(1_000_000, 900_000, 0, 100_000),
            "ollama/llama3.2": usage(5_000, 0, 0, 500),
          },
        },
        "2026-12-01": { accounts: {}, sessions: {}, models: { "fake/m": usage(1_000_000, 0, 0, 0) } },
        "2026-11-30": { accounts: {}, sessions: {}, models: { "fake/m": usage(9_000_000, 0, 0, 0) } },
      },
    };
    const summary = summarizeUsage(file, { "fake/m": { input: 1, output: 1 } }, now);
    expect(summary.today.input).toBe(1_005_000);
    expect(summary.today.cacheRead).toBe(900_000);
    expect(summary.today.cost).toBeCloseTo(0.1 * 0.25 + 0.9 * 0.025 + 0.1 * 2, 10);
    expect(summary.today.unpriced).toEqual(["ollama/llama3.2"]);
    expect(summary.month.input).toBe(2_005_000);
    expect(summary.month.cost).toBeCloseTo(summary.today.cost + 1, 10);
    expect(describeUsage(summary.today, "today")).toBe(
      "1,105,500 tokens today (900,000 from cache) · about $0.25",
    );
  });
});

describe("daily budget", () => {
  it("an account's own budget wins over the channel's and the agents' default", () => {
    const config = {
      agents: { defaults: { dailyTokenBudget: 100 } },
      channels: { imessage: { dailyTokenBudget: 50, accounts: { work: { dailyTokenBudget: 10 } } } },
    };
    expect(dailyTokenBudget(config, "work")).toBe(10);
    expect(dailyTokenBudget(config, "default")).toBe(50);
    expect(dailyTokenBudget({ agents: config.agents }, "default")).toBe(100);
    expect(dailyTokenBudget({}, "default")).toBeUndefined();
  });

  it("is reached once the day's tokens reach it, and starts afresh at local midnight", () => {
    const meter = new UsageMeter(stateDir(), (error) => {
      throw error;
    });
    const config = { agents: { defaults: { dailyTokenBudget: 1_000 } } };
    const evening = new Date(2026, 11, 4, 23, 59);
    meter.ledger.record({ ...turn, model: "fake/m", usage: usage(900, 0, 0, 99), at: evening });
    expect(meter.overBudget(config, turn, evening)).toBeUndefined();
    meter.ledger.record({ ...turn, model: "fake/m", usage: usage(1, 0, 0, 0), at: evening });
    expect(meter.overBudget(config, turn, evening)?.budget).toBe(1_000);
    expect(meter.overBudget(config, { ...turn, accountId: "other" }, evening)).toBeUndefined();
    expect(meter.overBudget(config, turn, new Date(2026, 11, 5, 0, 0))).toBeUndefined();
  });
});

describe("usage ledger", () => {
  it("keeps every turn on disk, atomically, and reads it back after a restart", async () => {
    const dir = stateDir();
    const ledger = new UsageLedger(dir, (error) => {
      throw error;
    });
    const at = new Date();
    ledger.record({ ...turn, model: "fake/m", usage: usage(100, 60, 20, 5), at });
    ledger.record({ ...turn, model: "fake/m", usage: usage(100, 80, 0, 5), at });
    await ledger.flush();
    expect(readdirSync(dir)).toEqual(["usage.json"]);
    const day = readUsageFile(dir).days[localDay(at)];
    expect(day?.accounts.default).toEqual(usage(200, 140, 20, 10));
    expect(day?.sessions["agent:main:main"]).toEqual(usage(200, 140, 20, 10));
    expect(new UsageLedger(dir, () => undefined).dayTotal("default", at)).toBe(210);
  });

  it("stays bounded: the newest 62 days", async () => {
    const dir = stateDir();
    const ledger = new UsageLedger(dir, () => undefined);
    for (let day = 0; day < 70; day++) {
      ledger.record({ ...turn, model: "fake/m", usage: usage(1, 0, 0, 0), at: new Date(2026, 0, 1 + day) });
    }
    await ledger.flush();
    const days = Object.keys(readUsageFile(dir).days).sort();
    expect(days).toHaveLength(62);
    expect(days.at(-1)).toBe(localDay(new Date(2026, 0, 70)));
  });
});
