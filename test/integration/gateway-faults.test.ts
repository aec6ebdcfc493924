import { type ChildProcess, execFile, spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { createEchoAgent } from "../../app/agent/echo-agent.ts";
import { coreContext } from "../../app/core-context.ts";
import { Gateway } from "../../app/gateway/gateway.ts";
import { startImsgRpc } from "../../app/imsg/imsg-link.ts";
import { RpcFailure } from "../../app/imsg/rpc-error.ts";
import { silentLogger } from "../../app/log/logger.ts";
import { imsgShimPath, LEGACY_IMSG_ENV, SimDb, writeFaultControl } from "../imsg-sim/sim-db.ts";
import { childPids } from "./child-processes.ts";
import { type GatewayHarness, PINCH_BIN, settle, startGateway, waitFor } from "./gateway-harness.ts";

/**
 * The simulator's fault switches against the real `pinch gateway`: whatever
 * imsg prints or fails to print, every message is answered exactly once and
 * the gateway keeps running.
 */
const open = { dmPolicy: "open", allowFrom: ["*"] };

let gateway: GatewayHarness | undefined;
let bare: ChildProcess | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
  if (bare && bare.exitCode === null) {
    const exited = new Promise((resolve) => bare?.once("exit", resolve));
    bare.kill("SIGTERM");
    await exited;
  }
  bare = undefined;
});

function connections(harness: GatewayHarness): number {
  return harness.logs().match(/imsg connected/g)?.length ?? 0;
}

/** Writes `perChat` messages into each of `chats` DMs; returns the replies expected per chat, in order. */
function injectRound(
  harness: GatewayHarness,
  texts: (chat: number, seq: number) => string,
  chats = 4,
  perChat = 5,
): Map<number, string[]> {
  const expected = new Map<number, string[]>();
  harness.sim.batch(() => {
    for (let seq = 0; seq < perChat; seq++) {
      for (let chat = 0; chat < chats; chat++) {
        const text = texts(chat, seq);
        const { chatId } = harness.sim.injectInbound({
          from: `+1555559${String(chat).padStart(4, "0")}`,
          text,
        });
        expected.set(chatId, [...(expected.get(chatId) ?? []), `echo: ${text}`]);
      }
    }
  });
  return expected;
}

async function expectAnsweredOnce(
  harness: GatewayHarness,
  expected: Map<number, string[]>,
  timeoutMs = 20_000,
): Promise<void> {
  const total = [...expected.values()].reduce((sum, texts) => sum + texts.length, 0);
  await harness.waitForSent(total, { timeoutMs });
  await settle(500);
  const sent = harness.sent();
  for (const [chatId, texts] of expected) {
    expect(sent.filter((row) => row.chatId === chatId).map((row) => row.text)).toEqual(texts);
  }
  expect(sent).toHaveLength(total);
}

function controlFile(): string {
  return join(mkdtempSync(join(tmpdir(), "pinch-faults-")), "faults.json");
}

/**
 * A transparent stdio wrapper around the simulator, as an SSH wrapper is,
 * with two faults the simulator has no switch for: while `silence` exists it
 * swallows every `message` notification (the watch is dead, yet imsg answers
 * every request); once `closeStdout` exists it closes its stdout and lives on.
 */
function faultyImsgWrapper(dir: string): { path: string; silence: string; closeStdout: string } {
  const silence = join(dir, "silence");
  const closeStdout = join(dir, "close-stdout");
  const path = join(dir, "imsg-wrapper.mjs");
  writeFileSync(
    path,
    `#!/usr/bin/env node
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
const child = spawn(${JSON.stringify(imsgShimPath())}, process.argv.slice(2), { stdio: ["pipe", "pipe", "inherit"] });
process.stdin.pipe(child.stdin);
let pending = "";
child.stdout.on("data", (chunk) => {
  pending += chunk.toString();
  for (let end = pending.indexOf("\\n"); end !== -1; end = pending.indexOf("\\n")) {
    const line = pending.slice(0, end + 1);
    pending = pending.slice(end + 1);
    if (existsSync(${JSON.stringify(silence)}) && line.includes('"method":"message"')) continue;
    if (!process.stdout.writableEnded) process.stdout.write(line);
  }
});
// Closes its stdout and lives on: the pipe is gone, the process is not.
setInterval(() => {
  if (existsSync(${JSON.stringify(closeStdout)}) && !process.stdout.writableEnded) process.stdout.end();
}, 50);
child.on("exit", (code) => process.exit(code ?? 1));
`,
    { mode: 0o755 },
  );
  return { path, silence, closeStdout };
}

describe("pinch gateway against a misbehaving imsg", () => {
  it("ignores non-JSON lines between frames and answers every message once", async () => {
    gateway = await startGateway({ imessage: open, env: { IMSG_SIM_GARBAGE: "2" } });
    await expectAnsweredOnce(
      gateway,
      injectRound(gateway, (chat, seq) => `garbage ${chat}.${seq}`),
    );
    expect(gateway.logs()).toContain("not JSON; ignored");
    expect(connections(gateway)).toBe(1);
  });

  it("reassembles frames split across writes, even inside a multi-byte character", async () => {
    gateway = await startGateway({ imessage: open, env: { IMSG_SIM_SPLIT_FRAMES: "3" } });
    const expected = injectRound(gateway, (chat, seq) => `héllo 😀 ${chat}.${seq} ünïcode 🇺🇸`, 3, 3);
    await expectAnsweredOnce(gateway, expected);
    expect(connections(gateway)).toBe(1);
  });

  it("survives a 5 MB line, as JSON and as garbage, and goes on answering", async () => {
    const control = controlFile();
    gateway = await startGateway({ imessage: open, env: { IMSG_SIM_CONTROL: control } });
    writeFaultControl(control, { hugeLine: "once" });
    await expectAnsweredOnce(
      gateway,
      injectRound(gateway, (chat, seq) => `after huge ${chat}.${seq}`),
    );
    writeFaultControl(control, { hugeLine: "once", hugeLineKind: "garbage" });
    const more = injectRound(gateway, (chat, seq) => `after huge garbage ${chat}.${seq}`);
    const harness = gateway;
    await waitFor(() => harness.sent().length >= 40, 20_000, harness.logs);
    const sent = harness.sent();
    for (const [chatId, texts] of more) {
      expect(
        sent.filter((row) => row.chatId === chatId && row.text.includes("garbage")).map((row) => row.text),
      ).toEqual(texts);
    }
    expect(harness.logs()).toContain("not JSON; ignored");
    expect(connections(harness)).toBe(1);
  });

  it("ignores notifications it does not know and answers every message once", async () => {
    gateway = await startGateway({ imessage: open, env: { IMSG_SIM_UNKNOWN_NOTIFICATION: "2" } });
    await expectAnsweredOnce(
      gateway,
      injectRound(gateway, (chat, seq) => `unknown ${chat}.${seq}`),
    );
    expect(connections(gateway)).toBe(1);
  });

  it("watches again from its cursor when imsg reports that its watch failed", async () => {
    const control = controlFile();
    gateway = await startGateway({ imessage: open, env: { IMSG_SIM_CONTROL: control } });
    const harness = gateway;
    await expectAnsweredOnce(
      harness,
      injectRound(harness, (chat, seq) => `before ${chat}.${seq}`, 2, 2),
    );
    writeFaultControl(control, { watchError: "once" });
    await harness.waitForLog(/watch failed/, 10_000);
    rmSync(control, { force: true });
    const expected = injectRound(harness, (chat, seq) => `after ${chat}.${seq}`, 2, 2);
    await harness.waitForSent(8, { timeoutMs: 20_000 });
    await settle(500);
    const after = harness.sent().filter((row) => row.text.includes("after"));
    for (const [chatId, texts] of expected) {
      expect(after.filter((row) => row.chatId === chatId).map((row) => row.text)).toEqual(texts);
    }
    expect(harness.sent()).toHaveLength(8);
  });

  it("restarts an imsg that stalls (alive, silent), found by the health check, and answers what arrived meanwhile", async () => {
    const control = controlFile();
    gateway = await startGateway({ imessage: open, env: { IMSG_SIM_CONTROL: control } });
    const harness = gateway;
    writeFaultControl(control, { stall: true });
    const expected = injectRound(harness, (chat, seq) => `stalled ${chat}.${seq}`, 2, 3);
    // One health interval plus the ping's own timeout, with room for a loaded machine.
    await harness.waitForLog(/did not answer a health check/, 45_000);
    // The next child must not stall too: lift the fault before the restart's backoff ends.
    rmSync(control, { force: true });
    await waitFor(() => connections(harness) >= 2, 15_000, harness.logs);
    await expectAnsweredOnce(harness, expected);
  }, 90_000);

  it("waits for slow sends without calling them stalls, and keeps per-chat order", async () => {
    gateway = await startGateway({ imessage: open, env: { IMSG_SIM_SEND_DELAY_MS: "2500" } });
    // Two chats, three messages each: six sends of 2.5 s, one at a time in imsg: past a health interval.
    const expected = injectRound(gateway, (chat, seq) => `slow ${chat}.${seq}`, 2, 3);
    await expectAnsweredOnce(gateway, expected, 40_000);
    expect(gateway.logs()).not.toContain("did not answer a health check");
    expect(gateway.logs()).not.toContain("interrupted");
    expect(connections(gateway)).toBe(1);
  }, 60_000);
});

describe("pinch gateway when imsg's watch goes silent without a word", () => {
  it("notices rows the watch never delivers and watches again from the cursor", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pinch-silent-"));
    const { path, silence } = faultyImsgWrapper(dir);
    gateway = await startGateway({ imessage: { ...open, cliPath: path } });
    const harness = gateway;
    const first = harness.sim.injectInbound({ from: "+15555550555", text: "heard" });
    await harness.waitForSent(1, { chatId: first.chatId });
    writeFileSync(silence, "");
    const second = harness.sim.injectInbound({ from: "+15555550555", text: "unheard at first" });
    // One health interval (10 s) to notice, the grace period (15 s) to be sure.
    await harness.waitForLog(/watch stopped delivering rows/, 45_000);
    rmSync(silence);
    await harness.waitForSent(2, { chatId: second.chatId, timeoutMs: 15_000 });
    await settle(500);
    expect(harness.sent({ chatId: first.chatId }).map((row) => row.text)).toEqual([
      "echo: heard",
      "echo: unheard at first",
    ]);
  }, 90_000);
});

describe("pinch gateway when imsg closes its stdout and lives on", () => {
  it("restarts it at once instead of waiting for a health check", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pinch-closed-"));
    const { path, closeStdout } = faultyImsgWrapper(dir);
    gateway = await startGateway({ imessage: { ...open, cliPath: path } });
    const harness = gateway;
    writeFileSync(closeStdout, "");
    await harness.waitForLog(/imsg stopped; restarting/, 30_000);
    rmSync(closeStdout);
    // Restarted because its pipe closed, not found later by a health check.
    expect(harness.logs()).not.toContain("did not answer a health check");
    await waitFor(() => connections(harness) >= 2, 10_000, harness.logs);
    const { chatId } = harness.sim.injectInbound({ from: "+15555550444", text: "anyone?" });
    await harness.waitForSent(1, { chatId, timeoutMs: 10_000 });
  });
});

describe("pinch gateway on a damaged state directory", () => {
  it("moves a corrupt snapshot and pairing store aside, skips a torn journal line, and answers nothing twice", async () => {
    gateway = await startGateway({ imessage: open });
    const harness = gateway;
    const first = harness.sim.injectInbound({ from: "+15555550666", text: "before" });
    await harness.waitForSent(1, { chatId: first.chatId });
    await harness.kill();
    const accountDir = join(harness.stateDir, "imessage", "default");
    writeFileSync(join(accountDir, "snapshot.json"), '{"version":1,"cursor":');
    writeFileSync(join(accountDir, "pairing.json"), "\u0000\u0000 not json");
    appendFileSync(join(accountDir, "journal.jsonl"), '{"settled":"torn-by-a-kil');
    await harness.restart();
    await harness.waitForLog(/state snapshot was unreadable; moved it aside/);
    const second = harness.sim.injectInbound({ from: "+15555550666", text: "after" });
    await harness.waitForSent(2, { chatId: second.chatId });
    await settle(500);
    expect(harness.sent({ chatId: first.chatId }).map((row) => row.text)).toEqual([
      "echo: before",
      "echo: after",
    ]);
    expect(readdirSync(accountDir).some((name) => name.startsWith("snapshot.json.corrupt-"))).toBe(true);
    // The pairing store is read when a sender needs it: run the CLI over it.
    const { stdout } = await promisify(execFile)(process.execPath, [
      PINCH_BIN,
      "pairing",
      "list",
      "imessage",
      "--state-dir",
      harness.stateDir,
      "--config",
      harness.configPath,
    ]);
    expect(stdout).toContain("No pending");
    expect(readdirSync(accountDir).some((name) => name.startsWith("pairing.json.corrupt-"))).toBe(true);
  });
});

describe("pinch gateway with one broken account", () => {
  it("keeps answering on the healthy account while the other cannot start", async () => {
    gateway = await startGateway({ imessage: open });
    const harness = gateway;
    harness.editConfig((config) => {
      config.channels.imessage.accounts = {
        good: {},
        broken: { cliPath: join(harness.dir, "no-such-imsg"), dbPath: join(harness.dir, "other.db") },
      };
    });
    await harness.waitForLog(/account=good pid=/, 10_000);
    await harness.waitForLog(/account=broken reason=.*not found/, 10_000);
    const { chatId } = harness.sim.injectInbound({ from: "+15555550777", text: "still there?" });
    await harness.waitForSent(1, { chatId, timeoutMs: 10_000 });
    const { stdout } = await promisify(execFile)(process.execPath, [
      PINCH_BIN,
      "status",
      "--state-dir",
      harness.stateDir,
      "--json",
    ]);
    const states = Object.fromEntries(
      JSON.parse(stdout).accounts.map((account: { accountId: string; state: string }) => [
        account.accountId,
        account.state,
      ]),
    );
    expect(states.good).toBe("ready");
    expect(["backoff", "starting"]).toContain(states.broken);
  });
});

describe("pinch gateway when imsg's first answer is a permission error", () => {
  const run = promisify(execFile);

  /** A gateway that never gets ready: the harness would wait for `ready` in vain. */
  function startBare(env: NodeJS.ProcessEnv, imessage: Record<string, unknown> = {}) {
    const dir = mkdtempSync(join(tmpdir(), "pinch-perm-"));
    const sim = SimDb.create({ path: join(dir, "chat.db") });
    const configPath = join(dir, "pinch.json5");
    const stateDir = join(dir, "state");
    writeFileSync(
      configPath,
      JSON.stringify({
        channels: { imessage: { cliPath: imsgShimPath(), dbPath: sim.path, ...open, ...imessage } },
      }),
    );
    let output = "";
    bare = spawn(
      process.execPath,
      [PINCH_BIN, "gateway", "--echo", "--config", configPath, "--state-dir", stateDir],
      { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    bare.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    bare.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    return { stateDir, logs: () => output };
  }

  for (const [variant, value] of [
    ["a JSON-RPC error (imsg ≥ 0.8.2)", "1"],
    ["plain text on stdout (older imsg)", "plain-text"],
  ] as const) {
    it(`reports needs-permission for Full Disk Access from ${variant}, without a hot retry loop`, async () => {
      const started = startBare({ IMSG_SIM_DB_UNREADABLE: value });
      await waitFor(() => /imsg needs a permission/.test(started.logs()), 15_000, started.logs);
      const { stdout } = await run(process.execPath, [
        PINCH_BIN,
        "status",
        "--state-dir",
        started.stateDir,
        "--json",
      ]);
      expect(JSON.parse(stdout).accounts).toEqual([
        expect.objectContaining({ state: "needs-permission", permission: "full-disk-access" }),
      ]);
      // A hot loop would start imsg again and again; the gateway waits for the user instead.
      await settle(5_000);
      expect(started.logs().match(/imsg needs a permission/g)).toHaveLength(1);
      expect(started.logs()).not.toContain("restarting");
      expect(bare?.exitCode).toBeNull();
    }, 40_000);
  }
});

describe("pinch gateway when the Messages database is not there", () => {
  it("reports needs-permission for the missing database, not for Full Disk Access", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pinch-nodb-"));
    const configPath = join(dir, "pinch.json5");
    const stateDir = join(dir, "state");
    writeFileSync(
      configPath,
      JSON.stringify({
        channels: {
          imessage: { cliPath: imsgShimPath(), dbPath: join(dir, "never-set-up", "chat.db"), ...open },
        },
      }),
    );
    let output = "";
    bare = spawn(process.execPath, [PINCH_BIN, "gateway", "--config", configPath, "--state-dir", stateDir], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    bare.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    await waitFor(
      () => /imsg needs a permission/.test(output),
      15_000,
      () => output,
    );
    const { stdout } = await promisify(execFile)(process.execPath, [
      PINCH_BIN,
      "status",
      "--state-dir",
      stateDir,
      "--json",
    ]);
    expect(JSON.parse(stdout).accounts).toEqual([
      expect.objectContaining({ state: "needs-permission", permission: "database-missing" }),
    ]);
  });
});

describe("imsg rpc client against the simulator", () => {
  it("reports an unknown method as a JSON-RPC error naming the method, and the child keeps answering", async () => {
    const sim = SimDb.create();
    // imsg before protocol 1 has no `initialize`: the method Pinch asks first is unknown to it.
    const client = startImsgRpc(
      { command: imsgShimPath(), dbPath: sim.path },
      { log: silentLogger, env: { ...process.env, ...LEGACY_IMSG_ENV } },
    );
    try {
      const failure = await client.call("initialize", { protocol_version: 1 }).catch((error) => error);
      expect(failure).toBeInstanceOf(RpcFailure);
      expect(failure).toMatchObject({ kind: "rpc-error", method: "initialize", code: -32601 });
      expect((failure as Error).message).toContain("imsg initialize");
      await expect(client.call("chats.list", { limit: 1 })).resolves.toEqual({ chats: [] });
    } finally {
      await client.close();
    }
  });
});

describe("Gateway.resume() after a wake or a permission grant", () => {
  it("starts imsg again at once instead of waiting for the slow permission retry", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pinch-resume-"));
    const sim = SimDb.create({ path: join(dir, "chat.db") });
    const control = join(dir, "faults.json");
    writeFileSync(
      join(dir, "pinch.json5"),
      JSON.stringify({ channels: { imessage: { cliPath: imsgShimPath(), dbPath: sim.path, ...open } } }),
    );
    const inProcess = await Gateway.start(
      coreContext({
        configPath: join(dir, "pinch.json5"),
        stateDir: join(dir, "state"),
        log: silentLogger,
        watchDebounceMs: 0,
        env: { ...process.env, IMSG_SIM_POLL_MS: "10", IMSG_SIM_CONTROL: control },
      }),
      { agent: createEchoAgent() },
    );
    const state = () => inProcess.statuses()[0]?.state;
    try {
      await inProcess.whenReady();
      // Full Disk Access goes away; the restarted imsg says so on its first answer.
      writeFaultControl(control, { dbUnreadable: "rpc-error" });
      for (const pid of childPids(process.pid, "rpc")) process.kill(pid, "SIGKILL");
      await waitFor(
        () => state() === "needs-permission",
        10_000,
        () => `state ${state()}`,
      );
      // The user grants it and the app calls resume(): no 30 s wait for the next slow retry.
      rmSync(control);
      inProcess.resume();
      await waitFor(
        () => state() === "ready",
        10_000,
        () => `state ${state()}`,
      );
      const { chatId } = sim.injectInbound({ from: "+15555550888", text: "back?" });
      await waitFor(
        () => sim.sentMessages({ chatId }).length === 1,
        10_000,
        () => "no reply after resume()",
      );
      expect(sim.sentMessages({ chatId }).map((row) => row.text)).toEqual(["echo: back?"]);
    } finally {
      await inProcess.stop();
      sim.close();
    }
  });
});
