import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { formatReply } from "../../app/channel/format-reply.ts";
import { writeFaultControl } from "../imsg-sim/sim-db.ts";
import { gatewayImsgChildren } from "./child-processes.ts";
import { type GatewayHarness, PINCH_BIN, settle, startGateway, waitFor } from "./gateway-harness.ts";

/**
 * Replies whose `send` was cut off: by imsg dying before it wrote the row, or
 * by the gateway dying while imsg finished it. Each reply lands exactly once,
 * even when it is word for word the reply before it in the same chat.
 */
const open = { dmPolicy: "open", allowFrom: ["*"] };
const ALICE = "+15555551234";
/** Long enough to act inside; the gateway sends within milliseconds of the row. */
const SEND_DELAY_MS = 4_000;
const INSIDE_THE_SEND_MS = 1_500;

let gateway: GatewayHarness | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

async function answeredOnce(harness: GatewayHarness, control: string): Promise<number> {
  const { chatId } = harness.sim.injectInbound({ from: ALICE, text: "same" });
  await harness.waitForSent(1, { timeoutMs: 10_000 });
  // The next send hangs in imsg long enough for something to die in the middle of it.
  writeFaultControl(control, { sendDelayMs: SEND_DELAY_MS });
  return chatId;
}

describe("pinch gateway: interrupted sends", () => {
  it("sends a reply identical to the previous one again when imsg died before writing it", async () => {
    const control = join(mkdtempSync(join(tmpdir(), "pinch-send-")), "faults.json");
    gateway = await startGateway({ imessage: open, env: { IMSG_SIM_CONTROL: control } });
    const harness = gateway;
    const chatId = await answeredOnce(harness, control);
    harness.sim.injectInbound({ from: ALICE, text: "same" });
    await settle(INSIDE_THE_SEND_MS);
    rmSync(control);
    for (const pid of gatewayImsgChildren(harness.stateDir)) process.kill(pid, "SIGKILL");
    await harness.waitForSent(2, { timeoutMs: 20_000 });
    await settle(1_000);
    expect(harness.sent({ chatId }).map((row) => row.text)).toEqual(["echo: same", "echo: same"]);
  }, 40_000);

  it("does not send it again when the gateway died but imsg finished the send", async () => {
    const control = join(mkdtempSync(join(tmpdir(), "pinch-send-")), "faults.json");
    gateway = await startGateway({ imessage: open, env: { IMSG_SIM_CONTROL: control } });
    const harness = gateway;
    const chatId = await answeredOnce(harness, control);
    harness.sim.injectInbound({ from: ALICE, text: "same" });
    await settle(INSIDE_THE_SEND_MS);
    await harness.kill();
    // The orphaned imsg finishes the request it was given before it sees stdin close.
    await waitFor(() => harness.sent({ chatId }).length === 2, 15_000, harness.logs);
    rmSync(control);
    await harness.restart();
    await settle(2_000);
    expect(harness.sent({ chatId }).map((row) => row.text)).toEqual(["echo: same", "echo: same"]);
    expect(harness.logs()).toContain("an interrupted send had gone through");
  }, 40_000);

  it("a long reply cut off mid-way goes on from the chunk that did not land, without repeating one", async () => {
    const control = join(mkdtempSync(join(tmpdir(), "pinch-send-")), "faults.json");
    gateway = await startGateway({
      imessage: { ...open, textChunkLimit: 20 },
      env: { IMSG_SIM_CONTROL: control },
    });
    const harness = gateway;
    // Four chunks, the last three identical: only rowids can tell which of them landed.
    const text = Array.from({ length: 5 }, () => "same same same").join(" ");
    const chunks = formatReply(`echo: ${text}`, { textChunkLimit: 20, chunkMode: "length" });
    expect(chunks).toHaveLength(4);
    expect(new Set(chunks.slice(1)).size).toBe(1);
    writeFaultControl(control, { sendDelayMs: 1_000 });
    const { chatId } = harness.sim.injectInbound({ from: ALICE, text });
    await waitFor(() => harness.sent({ chatId }).length >= 2, 15_000, harness.logs);
    for (const pid of gatewayImsgChildren(harness.stateDir)) process.kill(pid, "SIGKILL");
    rmSync(control);
    await waitFor(() => harness.sent({ chatId }).length >= chunks.length, 20_000, harness.logs);
    await settle(1_000);
    expect(harness.sent({ chatId }).map((row) => row.text)).toEqual(chunks);
  }, 40_000);

  it("reports needs-permission (automation) while sends are refused with -1743, and ready once one goes through", async () => {
    const control = join(mkdtempSync(join(tmpdir(), "pinch-send-")), "faults.json");
    gateway = await startGateway({ imessage: open, env: { IMSG_SIM_CONTROL: control } });
    const harness = gateway;
    const status = async () => {
      const { stdout } = await promisify(execFile)(process.execPath, [
        PINCH_BIN,
        "status",
        "--state-dir",
        harness.stateDir,
        "--json",
      ]);
      return JSON.parse(stdout).accounts[0];
    };
    writeFaultControl(control, { automationDenied: true });
    const { chatId } = harness.sim.injectInbound({ from: ALICE, text: "are you there?" });
    await harness.waitForLog(/cannot send: it needs a permission/, 10_000);
    expect(await status()).toMatchObject({ state: "needs-permission", permission: "automation" });
    expect(harness.sent()).toHaveLength(0);
    // The user allows Automation: the next retry goes through.
    rmSync(control);
    await harness.waitForSent(1, { chatId, timeoutMs: 20_000 });
    expect(harness.sent({ chatId }).map((row) => row.text)).toEqual(["echo: are you there?"]);
    await waitFor(() => harness.logs().includes("imsg can send again"), 5_000, harness.logs);
    expect(await status()).toMatchObject({ state: "ready" });
  }, 40_000);

  it("an approval notice cut off by a gateway crash is sent exactly once after the restart", async () => {
    const control = join(mkdtempSync(join(tmpdir(), "pinch-send-")), "faults.json");
    gateway = await startGateway({ env: { IMSG_SIM_CONTROL: control } });
    const harness = gateway;
    const { chatId } = harness.sim.injectInbound({ from: ALICE, text: "hi" });
    const [codeRow] = await harness.waitForSent(1, { chatId, timeoutMs: 10_000 });
    const code = /Pairing code: (\S+)/.exec(codeRow?.text ?? "")?.[1] ?? "";
    writeFaultControl(control, { sendDelayMs: SEND_DELAY_MS });
    const approve = spawnSync(
      process.execPath,
      [
        PINCH_BIN,
        "pairing",
        "approve",
        "imessage",
        code,
        "--notify",
        "--config",
        harness.configPath,
        "--state-dir",
        harness.stateDir,
      ],
      { encoding: "utf8" },
    );
    expect(approve.status).toBe(0);
    await settle(INSIDE_THE_SEND_MS);
    await harness.kill();
    // The orphaned imsg finishes the notice it was given; the restarted gateway must not send it again.
    await waitFor(() => harness.sent({ chatId }).length === 2, 15_000, harness.logs);
    rmSync(control);
    await harness.restart();
    // After the notice, the answer to the first message, which no reply had been journaled for.
    await harness.waitForSent(3, { chatId, timeoutMs: 20_000 });
    await settle(2_000);
    const texts = harness.sent({ chatId }).map((row) => row.text);
    expect(texts).toHaveLength(3);
    expect(texts[1]).toMatch(/approved/i);
    expect(texts[2]).toBe("echo: hi");
  }, 60_000);

  it("an approval notice whose imsg died before sending it is sent once imsg is back", async () => {
    const control = join(mkdtempSync(join(tmpdir(), "pinch-send-")), "faults.json");
    gateway = await startGateway({ env: { IMSG_SIM_CONTROL: control } });
    const harness = gateway;
    const { chatId } = harness.sim.injectInbound({ from: ALICE, text: "hi" });
    const [codeRow] = await harness.waitForSent(1, { chatId, timeoutMs: 10_000 });
    const code = /Pairing code: (\S+)/.exec(codeRow?.text ?? "")?.[1] ?? "";
    writeFaultControl(control, { sendDelayMs: SEND_DELAY_MS });
    const approve = spawnSync(
      process.execPath,
      [
        PINCH_BIN,
        "pairing",
        "approve",
        "imessage",
        code,
        "--notify",
        "--config",
        harness.configPath,
        "--state-dir",
        harness.stateDir,
      ],
      { encoding: "utf8" },
    );
    expect(approve.status).toBe(0);
    await settle(INSIDE_THE_SEND_MS);
    rmSync(control);
    for (const pid of gatewayImsgChildren(harness.stateDir)) process.kill(pid, "SIGKILL");
    await harness.waitForSent(3, { chatId, timeoutMs: 20_000 });
    await settle(1_000);
    const texts = harness.sent({ chatId }).map((row) => row.text);
    expect(texts).toHaveLength(3);
    expect(texts[1]).toMatch(/approved/i);
    expect(texts[2]).toBe("echo: hi");
  }, 60_000);
});
