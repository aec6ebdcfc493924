import { describe, expect, it } from "vitest";
import { type ImsgCapabilities, LEGACY_CAPABILITIES } from "../../../app/imsg/imsg-capabilities.ts";
import { AccountStatusViewSchema } from "../../../app/ipc/view-schemas.ts";
import { viewOfReport } from "../../../app/services/account-status-view.ts";

const current: ImsgCapabilities = {
  protocol: 1,
  version: "0.15.4",
  engineCommit: "9c1e2f7",
  databaseReady: true,
  bridgeReady: true,
  methods: ["chats.list", "send"],
  features: ["attachments"],
};

const ready = { state: "ready", accountId: "default", since: "2026-01-01T09:00:00.000Z" } as const;

describe("an account in the Status view", () => {
  it("carries the facts of its running imsg, without the method list", () => {
    const view = viewOfReport({ ...ready, imsg: current });
    expect(view).toEqual({
      id: "default",
      state: "ready",
      detail: "Watching for new messages",
      since: "2026-01-01T09:00:00.000Z",
      imsg: {
        protocol: 1,
        version: "0.15.4",
        engineCommit: "9c1e2f7",
        databaseReady: true,
        bridgeReady: true,
        features: ["attachments"],
      },
    });
    expect(AccountStatusViewSchema.parse(view)).toEqual(view);
  });

  it("an imsg from before protocol 1 comes with why and how to update it", () => {
    expect(viewOfReport({ ...ready, imsg: LEGACY_CAPABILITIES }).imsg?.update).toEqual({
      why: expect.stringContaining("older than 0.14.0"),
      upgrade: "brew upgrade imsg",
      install: "brew install openclaw/tap/imsg",
    });
  });

  it("has no imsg facts before the account has connected", () => {
    expect(viewOfReport({ state: "starting", accountId: "default", imsg: LEGACY_CAPABILITIES }).imsg).toBe(
      undefined,
    );
  });

  it("lists the replies that did not arrive, whatever the state", () => {
    const problem = {
      chatId: 12,
      at: "2026-01-01T09:30:00.000Z",
      kind: "uncertain",
      reason: "-32001",
    } as const;
    const view = viewOfReport({
      state: "backoff",
      accountId: "default",
      retryAt: "2026-01-01T10:00:00.000Z",
      lastError: "exit 1",
      deliveryProblems: [problem],
    });
    expect(view.deliveryProblems).toEqual([problem]);
  });
});

describe("what an account's imsg said, in the Status view", () => {
  it("carries the last stderr line, and an imsg too old for rpc with its fix", () => {
    const stderr = {
      line: "ssh: connect to host 127.0.0.1 port 22: Connection refused",
      at: "2026-01-01T09:00:00.000Z",
    };
    const view = viewOfReport({
      state: "needs-upgrade",
      accountId: "default",
      lastError: "this imsg is too old for rpc; upgrade with brew upgrade imsg",
      fix: "Run brew upgrade imsg",
      stderr,
    });
    expect(view).toEqual({
      id: "default",
      state: "needs-upgrade",
      detail: "this imsg is too old for rpc; upgrade with brew upgrade imsg",
      fix: "Run brew upgrade imsg",
      stderr,
    });
    expect(AccountStatusViewSchema.parse(view)).toEqual(view);
  });
});
