/**
 * Reading everything that was missed, with imsg as it ships today
 * (protocol 1): a watch whose buffer overflows, and a gateway that was away
 * while thousands of messages arrived. Every message is answered exactly
 * once and in its chat's order, or, when it is too old to answer, counted in
 * the status instead.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import type { SentMessage } from "../imsg-sim/sim-db.ts";
import { type GatewayHarness, PINCH_BIN, startGateway, waitFor } from "./gateway-harness.ts";

const open = { dmPolicy: "open", allowFrom: ["*"] };

let gateway: GatewayHarness | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

const senders = (count: number) =>
  Array.from({ length: count }, (_, index) => `+1555557${String(index).padStart(4, "0")}`);

/** Each sender's replies, in the order they landed. */
function repliesByChat(rows: SentMessage[]): Map<number, string[]> {
  const byChat = new Map<number, string[]>();
  for (const row of rows) byChat.set(row.chatId, [...(byChat.get(row.chatId) ?? []), row.text]);
  return byChat;
}

function expectEachChatInOrder(rows: SentMessage[], chats: number, perChat: number): void {
  const byChat = repliesByChat(rows);
  expect(byChat.size).toBe(chats);
  for (const texts of byChat.values()) {
    expect(texts).toEqual(Array.from({ length: perChat }, (_, index) => `echo: m${index}`));
  }
}

describe("catch-up with imsg's protocol 1", () => {
  it("a 20-chat burst through a watch buffer of 8 is answered once per message, in each chat's order", async () => {
    gateway = await startGateway({ imessage: open, env: { IMSG_SIM_BUFFER_LIMIT: "8" } });
    const harness = gateway;
    const from = senders(20);
    harness.sim.batch(() => {
      for (let index = 0; index < 10; index++) {
        for (const sender of from) harness.sim.injectInbound({ from: sender, text: `m${index}` });
      }
    });
    const rows = await harness.waitForSent(200, { timeoutMs: 60_000 });
    expect(harness.logs()).toContain("watch overflowed");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(harness.sent()).toHaveLength(200);
    expectEachChatInOrder(rows, 20, 10);
  }, 90_000);

  it("a gateway that was down while 5,000 messages arrived answers every one of them, once", async () => {
    gateway = await startGateway({ imessage: open });
    const harness = gateway;
    harness.sim.injectInbound({ from: "+15555550100", text: "before" });
    await harness.waitForSent(1);
    await harness.stop();
    const from = senders(20);
    harness.sim.batch(() => {
      for (let index = 0; index < 250; index++) {
        for (const sender of from) harness.sim.injectInbound({ from: sender, text: `m${index}` });
      }
    });
    await harness.restart();
    const rows = await harness.waitForSent(5_001, { timeoutMs: 120_000 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(harness.sent()).toHaveLength(5_001);
    expectEachChatInOrder(
      rows.filter((row) => row.text !== "echo: before"),
      20,
      250,
    );
  }, 180_000);

  it("messages older than the age fence are not answered after an outage, and the status counts them", async () => {
    gateway = await startGateway({ imessage: open });
    const harness = gateway;
    await harness.stop();
    const threeHoursAgo = new Date(Date.now() - 3 * 60 * 60_000);
    for (const sender of senders(3)) {
      harness.sim.injectInbound({ from: sender, text: "old news", date: threeHoursAgo });
    }
    harness.sim.injectInbound({ from: "+15555550100", text: "still fresh" });
    await harness.restart();
    await harness.waitForSent(1, { timeoutMs: 10_000 });
    await waitFor(
      () => (harness.logs().match(/not answering a row/g) ?? []).length >= 3,
      10_000,
      harness.logs,
    );
    expect(harness.sent().map((row) => row.text)).toEqual(["echo: still fresh"]);
    const { stdout } = await promisify(execFile)(process.execPath, [
      PINCH_BIN,
      "status",
      "--state-dir",
      harness.stateDir,
      "--json",
    ]);
    expect(JSON.parse(stdout).accounts[0].staleSkipped).toMatchObject({ count: 3 });
  }, 60_000);
});
