/**
 * imsg's typed delivery errors (protocol 1), each through the real `pinch
 * gateway` and the simulator: nothing is lost, nothing is sent twice, and the
 * status says what happened.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { type FaultConfig, writeFaultControl } from "../imsg-sim/sim-db.ts";
import { gatewayImsgChildren } from "./child-processes.ts";
import { type GatewayHarness, PINCH_BIN, settle, startGateway, waitFor } from "./gateway-harness.ts";

const ALICE = "+15555551234";
const open = { dmPolicy: "open", allowFrom: ["*"] };

let gateway: GatewayHarness | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

async function status(harness: GatewayHarness) {
  const { stdout } = await promisify(execFile)(process.execPath, [
    PINCH_BIN,
    "status",
    "--state-dir",
    harness.stateDir,
    "--json",
  ]);
  return JSON.parse(stdout).accounts[0];
}

/** A gateway whose simulator reads its faults from a control file the test writes. */
async function withControl(imessage: Record<string, unknown> = open, faults?: FaultConfig) {
  const control = join(mkdtempSync(join(tmpdir(), "pinch-delivery-")), "faults.json");
  if (faults) writeFaultControl(control, faults);
  gateway = await startGateway({ imessage, env: { IMSG_SIM_CONTROL: control } });
  return { harness: gateway, control };
}

describe("typed delivery errors", () => {
  it("a send that may have completed (-32001) and did is found in the chat, not sent again", async () => {
    const { harness, control } = await withControl();
    writeFaultControl(control, { sendOutcome: "may_have_completed", sendOutcomeOnce: true });
    const { chatId } = harness.sim.injectInbound({ from: ALICE, text: "hi" });
    await harness.waitForLog(/an interrupted send had gone through/, 15_000);
    await settle(1_000);
    expect(harness.sent({ chatId }).map((row) => row.text)).toEqual(["echo: hi"]);
    expect(await status(harness)).toMatchObject({ state: "ready" });
  }, 40_000);

  it("a send refused before dispatch (not_started) is sent again, once", async () => {
    const { harness, control } = await withControl();
    writeFaultControl(control, { sendOutcome: "not_started", sendOutcomeOnce: true });
    const { chatId } = harness.sim.injectInbound({ from: ALICE, text: "again" });
    await harness.waitForSent(1, { chatId, timeoutMs: 15_000 });
    await settle(1_000);
    expect(harness.sent({ chatId }).map((row) => row.text)).toEqual(["echo: again"]);
  }, 40_000);

  it("a send still in flight is proven when it lands, imsg is restarted to clear its blocked lane, and later replies go out", async () => {
    const { harness, control } = await withControl();
    writeFaultControl(control, { sendOutcome: "still_in_flight", sendOutcomeOnce: true });
    const { chatId } = harness.sim.injectInbound({ from: ALICE, text: "first" });
    await harness.waitForLog(/an interrupted send had gone through/, 20_000);
    // A fresh imsg reads its switches anew: lift this one before the restart.
    rmSync(control);
    harness.sim.injectInbound({ from: ALICE, text: "second" });
    await harness.waitForSent(2, { chatId, timeoutMs: 30_000 });
    await settle(1_000);
    expect(harness.sent({ chatId }).map((row) => row.text)).toEqual(["echo: first", "echo: second"]);
    // The restart that cleared the lane has finished once imsg is connected twice.
    await waitFor(() => (harness.logs().match(/imsg connected/g) ?? []).length >= 2, 15_000, harness.logs);
    expect(await status(harness)).toMatchObject({ state: "ready" });
  }, 60_000);

  it("a busy imsg (-32000) is waited out; the reply goes out once", async () => {
    const { harness, control } = await withControl();
    writeFaultControl(control, { busy: 3 });
    const { chatId } = harness.sim.injectInbound({ from: ALICE, text: "busy?" });
    await harness.waitForSent(1, { chatId, timeoutMs: 20_000 });
    await settle(1_000);
    expect(harness.sent({ chatId }).map((row) => row.text)).toEqual(["echo: busy?"]);
  }, 40_000);

  it("a database imsg cannot open (-32002) shows as needs-permission, then recovers without a restart of Pinch", async () => {
    const { harness, control } = await withControl();
    // Full Disk Access goes away: the restarted imsg starts all the same, and answers -32002.
    writeFaultControl(control, { dbUnreadable: "rpc-error" });
    for (const pid of gatewayImsgChildren(harness.stateDir)) process.kill(pid, "SIGKILL");
    await waitFor(() => /needs a permission/.test(harness.logs()), 15_000, harness.logs);
    expect(await status(harness)).toMatchObject({
      state: "needs-permission",
      permission: "full-disk-access",
    });
    const connected = () => (harness.logs().match(/imsg connected/g) ?? []).length;
    const before = connected();
    rmSync(control);
    await waitFor(() => connected() > before, 30_000, harness.logs);
    const { chatId } = harness.sim.injectInbound({ from: ALICE, text: "can you read me now?" });
    await harness.waitForSent(1, { chatId, timeoutMs: 15_000 });
    expect(harness.sent({ chatId }).map((row) => row.text)).toEqual(["echo: can you read me now?"]);
  }, 60_000);

  it("a group send that macOS 26 turns into an empty SMS row is reported as not delivered, naming the problem, and not resent", async () => {
    const { harness, control } = await withControl({
      ...open,
      groupPolicy: "open",
      groups: { "*": { requireMention: false } },
    });
    writeFaultControl(control, { sendOutcome: "ghost_row" });
    const crew = harness.sim.group({ participants: [ALICE, "+15555550111"], displayName: "Crew" });
    harness.sim.injectInbound({ from: ALICE, chat: crew, text: "dinner?" });
    await waitFor(() => /cannot tell whether a reply went out/.test(harness.logs()), 30_000, harness.logs);
    const report = await status(harness);
    expect(report.deliveryProblems).toEqual([
      expect.objectContaining({
        chatId: crew.id,
        kind: "uncertain",
        reason: expect.stringMatching(/macOS 26/),
      }),
    ]);
    expect(harness.sent({ chatId: crew.id }).filter((row) => row.text !== "")).toEqual([]);
  }, 60_000);
});
