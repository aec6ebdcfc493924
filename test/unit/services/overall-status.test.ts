import { describe, expect, it } from "vitest";
import type { AgentStatus } from "../../../app/agent/agent-status.ts";
import type { AccountState } from "../../../app/imsg/account-status.ts";
import { deriveOverallStatus, type OverallInputs } from "../../../app/services/overall-status.ts";

const running = (...states: AccountState[]) => states.map((state) => ({ state }));
const healthy: OverallInputs = {
  running: true,
  accounts: running("ready"),
  agent: { state: "ok", lastSuccess: { at: "2026-12-04T09:00:00.000Z", model: "anthropic/claude" } },
  paused: false,
  pendingRequests: 0,
  model: "anthropic/claude",
};
const failing: AgentStatus = {
  state: "failing",
  lastError: { at: "2026-12-04T09:05:00.000Z", model: "openai/gpt", message: "401" },
};

describe("the overall status", () => {
  it("is green and says the accounts run when accounts run, the model answers and replies flow", () => {
    expect(deriveOverallStatus(healthy)).toEqual({
      tone: "good",
      headline: "Running",
      concerns: [],
      paused: false,
      pendingRequests: 0,
    });
    expect(deriveOverallStatus({ ...healthy, accounts: running("ready", "ready") }).headline).toBe(
      "All accounts running",
    );
  });

  it("is green before the model has been asked at all", () => {
    expect(deriveOverallStatus({ ...healthy, agent: { state: "idle" } }).tone).toBe("good");
  });

  it("says the model fails, naming the model that failed, instead of green", () => {
    const overall = deriveOverallStatus({ ...healthy, agent: failing });
    expect(overall.tone).toBe("problem");
    expect(overall.headline).toBe("Model failing — replies get an apology");
    expect(overall.concerns[0]).toMatchObject({ kind: "model-failing", detail: "openai/gpt" });
  });

  it("names the configured model when the failure recorded none", () => {
    const overall = deriveOverallStatus({ ...healthy, agent: { state: "failing" } });
    expect(overall.concerns[0]?.detail).toBe("anthropic/claude");
  });

  it("says replies are paused instead of green", () => {
    const overall = deriveOverallStatus({ ...healthy, paused: true });
    expect(overall).toMatchObject({ tone: "warning", headline: "Replies paused", paused: true });
  });

  it("counts the requests waiting for approval", () => {
    const overall = deriveOverallStatus({ ...healthy, pendingRequests: 2 });
    expect(overall).toMatchObject({
      tone: "warning",
      headline: "2 waiting for approval",
      pendingRequests: 2,
    });
  });

  it("puts a failing model before paused replies, and both before waiting requests", () => {
    const overall = deriveOverallStatus({ ...healthy, agent: failing, paused: true, pendingRequests: 1 });
    expect(overall.headline).toBe("Model failing — replies get an apology");
    expect(overall.concerns.map((concern) => concern.kind)).toEqual(["model-failing", "paused", "pairing"]);
  });

  it("says how many messages came while Pinch was away, after waiting requests", () => {
    expect(deriveOverallStatus({ ...healthy, awayMessages: 1 })).toMatchObject({
      tone: "warning",
      headline: "1 message while you were away",
    });
    const overall = deriveOverallStatus({ ...healthy, pendingRequests: 1, awayMessages: 4 });
    expect(overall.concerns.map((concern) => concern.text)).toEqual([
      "1 waiting for approval",
      "4 messages while you were away",
    ]);
  });

  it("puts paused replies before waiting requests", () => {
    const overall = deriveOverallStatus({ ...healthy, paused: true, pendingRequests: 3 });
    expect(overall.concerns.map((concern) => concern.text)).toEqual([
      "Replies paused",
      "3 waiting for approval",
    ]);
  });

  it("puts an account that needs permission before a failing model", () => {
    const overall = deriveOverallStatus({
      ...healthy,
      accounts: running("ready", "needs-permission"),
      agent: failing,
    });
    expect(overall.headline).toBe("1 of 2 accounts running");
    expect(overall.tone).toBe("problem");
    expect(overall.concerns.map((concern) => concern.kind)).toEqual(["accounts", "model-failing"]);
  });

  it("puts a failing model and paused replies before an account that is restarting", () => {
    const overall = deriveOverallStatus({
      ...healthy,
      accounts: running("backoff"),
      agent: failing,
      paused: true,
    });
    expect(overall.concerns.map((concern) => concern.kind)).toEqual(["model-failing", "paused", "accounts"]);
  });

  it("says the gateway stopped, and why, before anything else", () => {
    const overall = deriveOverallStatus({
      ...healthy,
      running: false,
      problem: "the config file is invalid",
      accounts: running("stopped"),
      paused: true,
    });
    expect(overall.concerns[0]).toEqual({
      kind: "gateway",
      text: "Gateway stopped",
      detail: "the config file is invalid",
      tone: "problem",
    });
    expect(overall.concerns.map((concern) => concern.kind)).toEqual(["gateway", "paused"]);
  });

  it("says there is no account yet when none is set up", () => {
    const overall = deriveOverallStatus({ ...healthy, accounts: [] });
    expect(overall).toMatchObject({ tone: "idle", headline: "No iMessage account yet" });
  });

  it("still counts waiting requests while there is nothing else to say but green", () => {
    const overall = deriveOverallStatus({ ...healthy, agent: undefined, pendingRequests: 1 });
    expect(overall.headline).toBe("1 waiting for approval");
  });
});

describe("the overall status with a daily token budget", () => {
  it("says the budget was reached and what to do, as a warning", () => {
    const agent: AgentStatus = {
      ...healthy.agent,
      state: "ok",
      budgetReached: { at: "2026-12-04T22:00:00.000Z", accountId: "default", budget: 50_000 },
    };
    const overall = deriveOverallStatus({ ...healthy, agent });
    expect(overall.tone).toBe("warning");
    expect(overall.headline).toBe("Daily token budget reached");
    expect(overall.concerns[0]?.detail).toMatch(/50,000 tokens today.*until midnight.*dailyTokenBudget/);
  });
});
