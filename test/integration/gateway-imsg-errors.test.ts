/**
 * What imsg (or ssh, through a wrapper) says when it fails reaches the
 * status, not only the debug log: an imsg from before `rpc` is named as too
 * old, with the upgrade command, and is not restarted in a loop; the child's
 * last stderr line, phone numbers and emails left out, shows under the
 * account in `pinch status`.
 */
import { execFile } from "node:child_process";
import { renameSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import type { AccountReport } from "../../app/imsg/account-status.ts";
import { BEFORE_RPC_IMSG_ENV, imsgShimPath } from "../imsg-sim/sim-db.ts";
import { type GatewayHarness, PINCH_BIN, startGateway, waitFor } from "./gateway-harness.ts";

const run = promisify(execFile);
const open = { dmPolicy: "open", allowFrom: ["*"] };

let gateway: GatewayHarness | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

async function pinchStatus(stateDir: string, json: boolean): Promise<string> {
  const args = [PINCH_BIN, "status", "--state-dir", stateDir, ...(json ? ["--json"] : [])];
  const { stdout } = await run(process.execPath, args, { encoding: "utf8" });
  return stdout;
}

/** Polls `pinch status --json` until the one account's report passes `check`. */
async function waitForReport(
  stateDir: string,
  check: (report: AccountReport) => boolean,
  timeoutMs = 20_000,
): Promise<AccountReport> {
  let last = "";
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    last = await pinchStatus(stateDir, true);
    const report = (JSON.parse(last) as { accounts?: AccountReport[] }).accounts?.[0];
    if (report && check(report)) return report;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the account never matched; last status:\n${last}`);
}

/** A wrapper script as users write them, replaced the way an upgrade replaces a binary (rename over it). */
function writeWrapper(file: string, lines: string[]): void {
  writeFileSync(`${file}.new`, ["#!/bin/sh", ...lines, ""].join("\n"), { mode: 0o755 });
  renameSync(`${file}.new`, file);
}

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

describe("an imsg from before rpc", () => {
  it("is named too old with the upgrade command, is not restarted in a loop, and recovers once replaced", async () => {
    gateway = await startGateway({ imessage: open });
    const imsg = join(gateway.dir, "imsg");
    const [name, value] = Object.entries(BEFORE_RPC_IMSG_ENV)[0] as [string, string];
    writeWrapper(imsg, [`${name}=${value} exec '${imsgShimPath()}' "$@"`]);
    gateway.editConfig((config) => {
      config.channels.imessage.cliPath = imsg;
    });
    const report = await waitForReport(gateway.stateDir, (account) => account.state === "needs-upgrade");
    expect(report).toMatchObject({
      state: "needs-upgrade",
      lastError: "this imsg (0.2.1) is too old for rpc; upgrade with brew upgrade imsg",
      fix: expect.stringContaining("brew upgrade imsg"),
    });
    const text = await pinchStatus(gateway.stateDir, false);
    expect(text).toContain(
      "default: needs-upgrade: this imsg (0.2.1) is too old for rpc; upgrade with brew upgrade imsg",
    );
    await gateway.waitForLog(/imsg is too old for rpc/);
    // It was asked whether it has rpc; no rpc child was started and restarted.
    expect(gateway.logs()).not.toMatch(/imsg stopped; restarting/);

    writeWrapper(imsg, [`exec '${imsgShimPath()}' "$@"`]);
    await waitForReport(gateway.stateDir, (account) => account.state === "ready", 30_000);
    gateway.sim.injectInbound({ from: "+15550100001", text: "upgraded?" });
    expect((await gateway.waitForSent(1, { timeoutMs: 10_000 }))[0]?.text).toBe("echo: upgraded?");
  }, 60_000);
});

describe("the child's last stderr line", () => {
  it("shows ssh's own error under an account whose wrapper cannot connect", async () => {
    gateway = await startGateway({ imessage: open });
    const port = await closedPort();
    const wrapper = join(gateway.dir, "imsg-ssh");
    writeWrapper(wrapper, [
      `exec /usr/bin/ssh -T -o BatchMode=yes -o ConnectTimeout=5 -p ${port} bot@127.0.0.1 /opt/homebrew/bin/imsg "$@"`,
    ]);
    gateway.editConfig((config) => {
      config.channels.imessage.cliPath = wrapper;
    });
    const report = await waitForReport(
      gateway.stateDir,
      (account) => account.state === "backoff" && account.stderr !== undefined,
    );
    expect(report.stderr?.line).toBe(`ssh: connect to host 127.0.0.1 port ${port}: Connection refused`);
    const text = await pinchStatus(gateway.stateDir, false);
    expect(text).toMatch(
      new RegExp(
        `^ {2}imsg stderr at \\S+: ssh: connect to host 127\\.0\\.0\\.1 port ${port}: Connection refused$`,
        "m",
      ),
    );
    await gateway.waitForLog(/imsg stopped; restarting.*Connection refused/);
  });

  it("leaves phone numbers and emails out, and shows it for a running account too", async () => {
    gateway = await startGateway({ imessage: open });
    const wrapper = join(gateway.dir, "imsg-noisy");
    writeWrapper(wrapper, [
      'echo "imsg-bot: signed in as bot@example.com, +1 (555) 010-0042" >&2',
      `exec '${imsgShimPath()}' "$@"`,
    ]);
    gateway.editConfig((config) => {
      config.channels.imessage.cliPath = wrapper;
    });
    const report = await waitForReport(
      gateway.stateDir,
      (account) => account.state === "ready" && account.stderr !== undefined,
    );
    expect(report.stderr?.line).toBe("imsg-bot: signed in as [email], [phone …42]");
    const text = await pinchStatus(gateway.stateDir, false);
    expect(text).toContain("imsg-bot: signed in as [email], [phone …42]");
    expect(text).not.toContain("bot@example.com");
    const harness = gateway;
    await waitFor(() => /imsg connected/.test(harness.logs()), 5_000, harness.logs);
  });
});
