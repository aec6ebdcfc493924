/**
 * `probeTimeoutMs` bounds imsg's handshake at start: an imsg that answers
 * `initialize` later than that is restarted with backoff and the reason in
 * the status; one within it connects.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readStatusFile } from "../../app/gateway/status-file.ts";
import { imsgShimPath, SimDb } from "../imsg-sim/sim-db.ts";
import { PINCH_BIN, waitFor } from "./gateway-harness.ts";

let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.on("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  child = undefined;
});

/** A gateway whose imsg answers `initialize` after `delayMs`. */
function launch(imessage: Record<string, unknown>, delayMs: number) {
  const dir = mkdtempSync(join(tmpdir(), "pinch-probe-"));
  const sim = SimDb.create({ path: join(dir, "chat.db") });
  const config = { channels: { imessage: { cliPath: imsgShimPath(), dbPath: sim.path, ...imessage } } };
  writeFileSync(join(dir, "pinch.json5"), JSON.stringify(config));
  const stateDir = join(dir, "state");
  let output = "";
  child = spawn(
    process.execPath,
    [PINCH_BIN, "gateway", "--config", join(dir, "pinch.json5"), "--state-dir", stateDir],
    {
      env: { ...process.env, IMSG_SIM_POLL_MS: "10", IMSG_SIM_INITIALIZE_DELAY_MS: String(delayMs) },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { stateDir, output: () => output };
}

function accountState(stateDir: string) {
  const read = readStatusFile(stateDir);
  return read.ok ? read.status.accounts[0] : undefined;
}

describe("pinch gateway: probeTimeoutMs", () => {
  it("gives up on an imsg slower than probeTimeoutMs to answer, and says so in the status", async () => {
    const run = launch({ probeTimeoutMs: 200 }, 3_000);
    let lastError = "";
    await waitFor(
      () => {
        const account = accountState(run.stateDir);
        lastError = account?.state === "backoff" ? account.lastError : "";
        return lastError !== "";
      },
      10_000,
      run.output,
    );
    expect(lastError).toContain("initialize");
    expect(lastError).toContain("no answer within 200 ms");
    expect(run.output()).not.toMatch(/imsg connected/);
  });

  it("waits for an imsg that answers within probeTimeoutMs", async () => {
    const run = launch({ probeTimeoutMs: 20_000 }, 1_000);
    await waitFor(() => /imsg connected/.test(run.output()), 15_000, run.output);
    expect(accountState(run.stateDir)?.state).toBe("ready");
  });
});
