import { describe, expect, it } from "vitest";
import { describeReport, StatusReportSchema } from "../../../app/cli/status-command.ts";
import type { AccountReport } from "../../../app/imsg/account-status.ts";
import { type ImsgCapabilities, LEGACY_CAPABILITIES } from "../../../app/imsg/imsg-capabilities.ts";

const current: ImsgCapabilities = {
  protocol: 1,
  version: "0.15.4",
  engineCommit: "9c1e2f7",
  databaseReady: true,
  bridgeReady: false,
  methods: ["chats.list", "message.send_status", "send"],
  features: ["attachments"],
};

const ready = { state: "ready", accountId: "default", since: "2026-01-01T09:00:00.000Z" } as const;

const text = (accounts: AccountReport[]) =>
  describeReport(
    { running: true, stateDir: "/s", pid: 7, startedAt: "T0", updatedAt: "T1", accounts },
    Date.parse("2026-01-01T10:00:00Z"),
  );

describe("pinch status, an account's imsg and undelivered replies", () => {
  it("names a running account's imsg by version, protocol and bridge", () => {
    expect(text([{ ...ready, imsg: current }])).toBe(
      [
        "gateway pid 7 on /s, started T0",
        "default: ready since 2026-01-01T09:00:00.000Z",
        "  imsg 0.15.4, protocol 1, bridge off",
        "",
      ].join("\n"),
    );
  });

  it("says a build from before protocol 1 is old and how to update it", () => {
    expect(text([{ ...ready, imsg: LEGACY_CAPABILITIES }])).toContain(
      "\n  imsg before protocol 1, bridge off; older than 0.14.0, update it with brew upgrade imsg\n",
    );
  });

  it("leaves the imsg line out until the account has connected", () => {
    expect(text([{ state: "starting", accountId: "default", imsg: LEGACY_CAPABILITIES }])).not.toContain(
      "imsg",
    );
  });

  it("lists each reply that did not arrive with its chat, time and reason", () => {
    const lines = text([
      {
        ...ready,
        imsg: current,
        deliveryProblems: [
          {
            chatId: 12,
            at: "2026-01-01T09:30:00.000Z",
            kind: "failed",
            reason: "Messages marked the reply p:0/AB12 as not delivered (error 22)",
          },
          {
            chatId: 3,
            at: "2026-01-01T09:45:00.000Z",
            kind: "uncertain",
            reason: "imsg could not tell whether the send went out",
          },
        ],
      },
    ]);
    expect(lines).toContain(
      [
        "  imsg 0.15.4, protocol 1, bridge off",
        "  reply to chat 12 at 2026-01-01T09:30:00.000Z did not arrive: Messages marked the reply p:0/AB12 as not delivered (error 22)",
        "  reply to chat 3 at 2026-01-01T09:45:00.000Z may not have arrived: imsg could not tell whether the send went out",
        "",
      ].join("\n"),
    );
  });
});

describe("pinch status --json", () => {
  it("is the published report with the state directory: each account keeps its imsg and delivery problems", () => {
    const account: AccountReport = {
      ...ready,
      imsg: current,
      deliveryProblems: [{ chatId: 12, at: "2026-01-01T09:30:00.000Z", kind: "failed", reason: "error 22" }],
    };
    const report = {
      running: true,
      stateDir: "/s",
      pid: 7,
      startedAt: "T0",
      updatedAt: "T1",
      accounts: [account],
    };
    expect(StatusReportSchema.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);
  });
});

describe("pinch status, what imsg said", () => {
  it("names an imsg too old for rpc with the upgrade command, and shows the last stderr line", () => {
    const report: AccountReport = {
      state: "needs-upgrade",
      accountId: "default",
      lastError: "this imsg (0.2.1) is too old for rpc; upgrade with brew upgrade imsg",
      fix: "Run brew upgrade imsg",
      stderr: { line: "Unknown subcommand 'rpc' for command 'imsg'", at: "2026-01-01T09:59:00.000Z" },
    };
    expect(text([report])).toBe(
      [
        "gateway pid 7 on /s, started T0",
        "default: needs-upgrade: this imsg (0.2.1) is too old for rpc; upgrade with brew upgrade imsg",
        "  fix: Run brew upgrade imsg",
        "  imsg stderr at 2026-01-01T09:59:00.000Z: Unknown subcommand 'rpc' for command 'imsg'",
        "",
      ].join("\n"),
    );
  });

  it("says how many messages from while Pinch was away wait for the owner, or are being answered", () => {
    expect(text([{ ...ready, awayWaiting: { count: 3, answering: false } }])).toContain(
      "\n  3 messages came while Pinch was away and wait for the owner: reply /answer or /dismiss, or use the window\n",
    );
    expect(text([{ ...ready, awayWaiting: { count: 1, answering: true } }])).toContain(
      "\n  answering 1 message that came while Pinch was away\n",
    );
  });
});

describe("pinch status, tokens and cost", () => {
  const period = { input: 12_000, cacheRead: 9_800, cacheWrite: 0, output: 400, cost: 0.0412, unpriced: [] };
  it("ends with today's and this month's tokens, the cached share and the cost, also with no gateway running", () => {
    const usage = { today: period, month: { ...period, input: 99_000, cost: 1.5 }, pricesAsOf: "2026-12-04" };
    const report = { running: false as const, stateDir: "/s", message: "no gateway running on /s", usage };
    expect(StatusReportSchema.parse(report)).toEqual(report);
    expect(describeReport(report, 0)).toBe(
      [
        "no gateway running on /s",
        "usage: 12,400 tokens today (9,800 from cache) · about $0.04; 99,400 tokens this month (9,800 from cache) · about $1.50",
        "  estimated at list prices of 2026-12-04 unless models.prices says otherwise",
        "",
      ].join("\n"),
    );
  });
});
