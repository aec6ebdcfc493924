import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { describeReport, StatusReportSchema } from "../../app/cli/status-command.ts";
import { gatewayPidPath } from "../../app/gateway/state-dir-lock.ts";
import { type GatewayStatus, writeStatusFile } from "../../app/gateway/status-file.ts";
import type { AccountStatus } from "../../app/imsg/account-status.ts";
import { writeFaultControl } from "../imsg-sim/sim-db.ts";
import { type GatewayHarness, PINCH_BIN, startGateway, waitFor } from "./gateway-harness.ts";

const run = promisify(execFile);

let gateway: GatewayHarness | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

async function pinchStatus(stateDir: string, json = true): Promise<{ code: number; out: string }> {
  const args = [PINCH_BIN, "status", "--state-dir", stateDir, ...(json ? ["--json"] : [])];
  try {
    const { stdout } = await run(process.execPath, args, { encoding: "utf8" });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

/** Polls `pinch status --json` until an account reaches `state`; returns that account's status. */
async function waitForState(stateDir: string, state: AccountStatus["state"], timeoutMs = 20_000) {
  let last = "";
  let found: AccountStatus | undefined;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { out } = await pinchStatus(stateDir);
    last = out;
    const report = JSON.parse(out) as { accounts?: AccountStatus[] };
    found = report.accounts?.find((account) => account.state === state);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no account reached ${state}; last status:\n${last}`);
}

/** The pid of the running imsg, once the gateway has logged it: the log reaches the harness through
 * a pipe, so it may arrive after the status file already says ready. */
async function connectedImsgPid(harness: GatewayHarness): Promise<number> {
  const pid = () => [...harness.logs().matchAll(/imsg connected .*pid=(\d+)/g)].at(-1)?.[1];
  await waitFor(() => pid() !== undefined, 10_000, harness.logs);
  return Number(pid());
}

describe("pinch status", () => {
  it("shows each account of the running gateway as ready, in JSON and as text", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "open", allowFrom: ["*"] } });
    const json = await pinchStatus(gateway.stateDir);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out);
    expect(report).toMatchObject({ running: true, stateDir: gateway.stateDir });
    expect(report.accounts).toEqual([
      {
        state: "ready",
        accountId: "default",
        since: expect.any(String),
        // What this account's imsg said it can do when it started.
        imsg: expect.objectContaining({ methods: expect.arrayContaining(["send", "watch.subscribe"]) }),
      },
    ]);
    expect(Number.isInteger(report.pid)).toBe(true);

    const text = await pinchStatus(gateway.stateDir, false);
    expect(text.code).toBe(0);
    expect(text.out).toContain(`gateway pid ${report.pid}`);
    expect(text.out).toMatch(/^default: ready since \d{4}-/m);
  });

  it("prints as JSON exactly the report the command describes, and under the account the imsg it runs", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "open", allowFrom: ["*"] } });
    const json = JSON.parse((await pinchStatus(gateway.stateDir)).out);
    expect(StatusReportSchema.parse(json)).toEqual(json);

    const text = await pinchStatus(gateway.stateDir, false);
    // The simulator plays an imsg from before protocol 1 or one that speaks it.
    expect(text.out).toMatch(
      /^default: ready since \S+\n {2}imsg (\d+\.\d+\.\d+, protocol 1|before protocol 1), bridge (on|off)/m,
    );
  });

  it("shows a published protocol 1 imsg and each reply that did not arrive, in JSON and as text", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "pinch-status-"));
    // This test process stands in for the running gateway that published the file.
    writeFileSync(gatewayPidPath(stateDir), String(process.pid));
    const published: GatewayStatus = {
      version: 1,
      pid: process.pid,
      startedAt: "2026-01-01T09:00:00.000Z",
      updatedAt: "2026-01-01T09:31:00.000Z",
      accounts: [
        {
          state: "ready",
          accountId: "default",
          since: "2026-01-01T09:00:01.000Z",
          imsg: {
            protocol: 1,
            version: "0.15.4",
            engineCommit: "9c1e2f7",
            databaseReady: true,
            bridgeReady: true,
            methods: ["chats.list", "message.send_status", "send"],
            features: ["attachments"],
          },
          deliveryProblems: [
            {
              chatId: 12,
              at: "2026-01-01T09:30:00.000Z",
              kind: "failed",
              reason: "Messages marked the reply p:0/AB12 as not delivered (error 22)",
            },
          ],
        },
      ],
    };
    writeStatusFile(stateDir, published);

    const json = await pinchStatus(stateDir);
    expect(json.code).toBe(0);
    const { version: _version, ...report } = published;
    expect(JSON.parse(json.out)).toEqual({ running: true, stateDir, ...report });

    const text = await pinchStatus(stateDir, false);
    expect(text.out).toBe(
      [
        `gateway pid ${process.pid} on ${stateDir}, started 2026-01-01T09:00:00.000Z`,
        "default: ready since 2026-01-01T09:00:01.000Z",
        "  imsg 0.15.4, protocol 1, bridge on",
        "  reply to chat 12 at 2026-01-01T09:30:00.000Z did not arrive: Messages marked the reply p:0/AB12 as not delivered (error 22)",
        "",
      ].join("\n"),
    );
  });

  it("shows backoff with the next retry time and the last error while imsg cannot start", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "open", allowFrom: ["*"] } });
    const missing = join(gateway.dir, "no-such-imsg");
    gateway.editConfig((config) => {
      config.channels.imessage.cliPath = missing;
    });
    const status = await waitForState(gateway.stateDir, "backoff");
    if (status.state !== "backoff") throw new Error("unreachable");
    expect(status.lastError).toContain("not found");
    expect(Date.parse(status.retryAt)).not.toBeNaN();

    const text = await pinchStatus(gateway.stateDir, false);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/default: (backoff, next retry at \S+ \(in \d+ s\)|starting)/);
  });

  it("shows needs-permission, naming Full Disk Access, when imsg's first answer is the permission error", async () => {
    const control = join(mkdtempSync(join(tmpdir(), "pinch-status-")), "faults.json");
    gateway = await startGateway({
      imessage: { dmPolicy: "open", allowFrom: ["*"] },
      env: { IMSG_SIM_CONTROL: control },
    });
    writeFaultControl(control, { dbUnreadable: "rpc-error" });
    const pid = await connectedImsgPid(gateway);
    process.kill(pid, "SIGKILL");
    const status = await waitForState(gateway.stateDir, "needs-permission");
    expect(status).toMatchObject({ state: "needs-permission", permission: "full-disk-access" });

    const text = await pinchStatus(gateway.stateDir, false);
    expect(text.out).toContain("default: needs-permission: full-disk-access");
    expect(text.out).toContain("Full Disk Access");
  });

  it("says no gateway is running, with exit 1, after the gateway was killed", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "open", allowFrom: ["*"] } });
    const { pid } = JSON.parse((await pinchStatus(gateway.stateDir)).out);
    await gateway.kill();
    const killed = await pinchStatus(gateway.stateDir, false);
    expect(killed.code).toBe(1);
    expect(killed.out).toContain(
      `no gateway running on ${gateway.stateDir} (the last one, pid ${pid}, is gone)`,
    );

    const json = await pinchStatus(gateway.stateDir);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ running: false, lastPid: pid });
  });

  it("says no gateway is running after a clean stop", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "open", allowFrom: ["*"] } });
    const stateDir = gateway.stateDir;
    await gateway.stop();
    gateway = undefined;
    const result = await pinchStatus(stateDir, false);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`no gateway running on ${stateDir}`);
  });

  it("follows the account back to ready after imsg is restarted", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "open", allowFrom: ["*"] } });
    const first = await waitForState(gateway.stateDir, "ready");
    const pid = await connectedImsgPid(gateway);
    process.kill(pid, "SIGKILL");
    const harness = gateway;
    await waitFor(() => [...harness.logs().matchAll(/imsg connected/g)].length >= 2, 10_000, harness.logs);
    const again = await waitForState(gateway.stateDir, "ready");
    if (first.state !== "ready" || again.state !== "ready") throw new Error("unreachable");
    expect(Date.parse(again.since)).toBeGreaterThan(Date.parse(first.since));
  });
});

describe("pinch status text", () => {
  const report = (accounts: AccountStatus[]) =>
    describeReport(
      { running: true, stateDir: "/s", pid: 7, startedAt: "T0", updatedAt: "T1", accounts },
      Date.parse("2026-01-01T00:00:00Z"),
    );

  it("names every state with what a user needs to act on it", () => {
    const text = report([
      { state: "starting", accountId: "a" },
      { state: "stopped", accountId: "b", reason: "disabled" },
      {
        state: "backoff",
        accountId: "c",
        retryAt: "2026-01-01T00:00:04.200Z",
        lastError: "imsg exited (SIGKILL)",
      },
      {
        state: "needs-permission",
        accountId: "d",
        permission: "automation",
        fix: "Allow Pinch to control Messages",
        lastError: "-1743",
      },
    ]);
    expect(text).toBe(
      [
        "gateway pid 7 on /s, started T0",
        "a: starting",
        "b: stopped (disabled)",
        "c: backoff, next retry at 2026-01-01T00:00:04.200Z (in 5 s)",
        "  last error: imsg exited (SIGKILL)",
        "d: needs-permission: automation",
        "  fix: Allow Pinch to control Messages",
        "  last error: -1743",
        "",
      ].join("\n"),
    );
  });
});
