/**
 * What imsg 0.14 and later let Pinch do around a reply, through the real
 * gateway and the simulator: a typing indicator in DMs, read receipts when
 * asked for, delivery failures in the status, Contacts names on pairing
 * requests, and a reply's context and a voice memo's transcript reaching the
 * agent (the echo agent answers with the text it was handed).
 */
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { FakeLlmServer } from "../fake-llm/fake-llm-server.ts";
import { providerConfig } from "../fake-llm/model-gateway.ts";
import { LEGACY_IMSG_ENV } from "../imsg-sim/sim-db.ts";
import { type GatewayHarness, PINCH_BIN, settle, startGateway, waitFor } from "./gateway-harness.ts";

const ALICE = "+15555551234";
const open = { dmPolicy: "open", allowFrom: ["*"] };

let gateway: GatewayHarness | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

describe("around a reply", () => {
  it("shows the typing indicator in a DM while a slow model works, and clears it", async () => {
    const fake = await FakeLlmServer.start(() => ({
      kind: "reply",
      text: "thought about it",
      delayMs: 2_000,
    }));
    try {
      gateway = await startGateway({
        imessage: open,
        extra: providerConfig({ baseUrl: fake.baseUrl, api: "openai-completions" }),
      });
      const { chatId } = gateway.sim.injectInbound({ from: ALICE, text: "are you there?" });
      await gateway.waitForSent(1, { chatId, timeoutMs: 15_000 });
      await settle();
      const typing = gateway.sim.actions().filter((action) => action.method === "typing");
      expect(typing.map((action) => action.typing)).toEqual([true, false]);
      expect(gateway.sim.actions().some((action) => action.method === "read")).toBe(false);
    } finally {
      await gateway?.stop();
      gateway = undefined;
      await fake.close();
    }
  }, 30_000);

  it("shows no typing indicator for an answer that comes at once", async () => {
    gateway = await startGateway({ imessage: open });
    const { chatId } = gateway.sim.injectInbound({ from: ALICE, text: "quick" });
    await gateway.waitForSent(1, { chatId });
    await settle();
    expect(gateway.sim.actions()).toEqual([]);
  });

  it("marks the chat read once it is answered when sendReadReceipts is on", async () => {
    gateway = await startGateway({ imessage: { ...open, sendReadReceipts: true } });
    const { chatId } = gateway.sim.injectInbound({ from: ALICE, text: "read me" });
    await gateway.waitForSent(1, { chatId });
    await waitFor(
      () => gateway?.sim.actions().some((action) => action.method === "read") ?? false,
      5_000,
      () => JSON.stringify(gateway?.sim.actions()),
    );
  });

  it("sends neither to an imsg from before protocol 1, and still answers", async () => {
    gateway = await startGateway({ imessage: { ...open, sendReadReceipts: true }, env: LEGACY_IMSG_ENV });
    const { chatId } = gateway.sim.injectInbound({ from: ALICE, text: "old imsg" });
    await gateway.waitForSent(1, { chatId });
    await settle();
    expect(gateway.sim.actions()).toEqual([]);
  });

  it("a reply Messages marks as failed shows in pinch status with its chat", async () => {
    gateway = await startGateway({ imessage: open });
    const harness = gateway;
    const { chatId } = harness.sim.injectInbound({ from: ALICE, text: "will this arrive?" });
    const [reply] = await harness.waitForSent(1, { chatId });
    harness.sim.markFailed(reply?.guid ?? "");
    const problems = async () => {
      const { stdout } = await promisify(execFile)(process.execPath, [
        PINCH_BIN,
        "status",
        "--state-dir",
        harness.stateDir,
        "--json",
      ]);
      return JSON.parse(stdout).accounts[0].deliveryProblems ?? [];
    };
    const deadline = Date.now() + 20_000;
    let found: unknown[] = [];
    while (found.length === 0 && Date.now() < deadline) {
      found = await problems();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(found).toEqual([expect.objectContaining({ chatId, kind: "failed" })]);
  }, 40_000);

  it("a pairing request carries the sender's Contacts name", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "pairing" } });
    gateway.sim.setContactName(ALICE, "Alice Liddell");
    gateway.sim.injectInbound({ from: ALICE, text: "hello?" });
    await gateway.waitForSent(1);
    const listed = spawnSync(
      process.execPath,
      [
        PINCH_BIN,
        "pairing",
        "list",
        "imessage",
        "--json",
        "--config",
        gateway.configPath,
        "--state-dir",
        gateway.stateDir,
      ],
      { encoding: "utf8" },
    );
    expect(JSON.parse(listed.stdout).requests[0]).toMatchObject({ sender: ALICE, name: "Alice Liddell" });
  });

  it("a voice memo reaches the agent as its transcript", async () => {
    gateway = await startGateway({ imessage: open });
    const { chatId } = gateway.sim.injectInbound({
      from: ALICE,
      voiceMemo: { transcript: "call me when you land" },
    });
    const [reply] = await gateway.waitForSent(1, { chatId });
    expect(reply?.text).toBe("echo: call me when you land");
  });
});
