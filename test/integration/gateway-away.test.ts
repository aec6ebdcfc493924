/**
 * "While you were away": messages too old to answer when the gateway came
 * back are kept, the owner gets one note about them, and they are answered
 * only on the owner's word, each once and in its chat's order, or dismissed.
 * The real gateway against the imsg simulator, time moved past the age fence
 * by dating the rows hours back.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { conversationOf, FakeLlmServer } from "../fake-llm/fake-llm-server.ts";
import { providerConfig } from "../fake-llm/model-gateway.ts";
import { LEGACY_IMSG_ENV } from "../imsg-sim/sim-db.ts";
import type { GatewayHarness } from "./gateway-harness.ts";
import { PINCH_BIN, settle, startGateway, waitFor } from "./gateway-harness.ts";

const owner = "+15555550001";
const alice = "+15555550002";
const bob = "+15555550003";
const stranger = "+15555550099";
const threeHoursAgo = () => new Date(Date.now() - 3 * 60 * 60_000);

let gateway: GatewayHarness | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

function start(env: NodeJS.ProcessEnv = {}, extra: Record<string, unknown> = {}): Promise<GatewayHarness> {
  return startGateway({
    imessage: { dmPolicy: "pairing", allowFrom: [owner, alice, bob], groupAllowFrom: [alice, bob] },
    extra: {
      commands: { ownerAllowFrom: [owner] },
      messages: { groupChat: { mentionPatterns: ["\\bpinch\\b"] } },
      ...extra,
    },
    env,
  });
}

/** The owner writes once before the outage, so the owner's chat exists, and is answered. */
async function ownerChatOf(harness: GatewayHarness): Promise<number> {
  const { chatId } = harness.sim.injectInbound({ from: owner, text: "good night" });
  await harness.waitForSent(1, { chatId });
  return chatId;
}

function keptGuids(harness: GatewayHarness): string[] {
  const file = JSON.parse(readFileSync(join(harness.stateDir, "imessage", "default", "away.json"), "utf8"));
  return file.entries.map((entry: { message: { guid: string } }) => entry.message.guid);
}

// imsg as it ships today (protocol 1), which gives Contacts names, and a build from before it, whose
// watch replays what was missed and which names nobody.
describe.each([
  { imsg: "protocol 1", env: {}, aliceShownAs: "Alice Liddell" },
  { imsg: "0.9", env: LEGACY_IMSG_ENV, aliceShownAs: alice },
])("pinch gateway: while you were away, with imsg $imsg", ({ env, aliceShownAs }) => {
  it("the owner gets one note listing exactly the skipped messages, and nothing is answered", async () => {
    gateway = await start(env);
    const harness = gateway;
    const ownerChat = await ownerChatOf(harness);
    harness.sim.injectInbound({ from: alice, text: "answered in time" });
    await harness.waitForSent(2);
    await harness.stop();
    harness.sim.setContactName(alice, "Alice Liddell");
    const family = harness.sim.group({ participants: [alice, bob], displayName: "Family" });
    const kept = [
      harness.sim.injectInbound({ from: alice, text: "are you free tonight?", date: threeHoursAgo() }),
      harness.sim.injectInbound({ from: alice, text: "call me", date: threeHoursAgo() }),
      harness.sim.injectInbound({
        from: bob,
        chat: family,
        text: "pinch, book a table",
        date: threeHoursAgo(),
      }),
    ];
    harness.sim.injectInbound({ from: stranger, text: "hello?", date: threeHoursAgo() });
    harness.sim.injectInbound({ from: bob, chat: family, text: "nobody mentioned", date: threeHoursAgo() });
    const before = harness.sent().length;
    await harness.restart();
    const [note] = (await harness.waitForSent(before + 1, { timeoutMs: 15_000 })).slice(before);
    expect(note?.chatId).toBe(ownerChat);
    expect(note?.text).toContain("3 messages");
    expect(note?.text).toContain(`${aliceShownAs}: at`);
    expect(note?.text).toContain("Family:");
    expect(note?.text).toContain("/answer");
    expect(note?.text).not.toContain(stranger);
    expect(note?.text).not.toContain("call me");
    await settle(1_000);
    expect(harness.sent()).toHaveLength(before + 1);
    expect(keptGuids(harness)).toEqual(kept.map((row) => row.guid));
    const { stdout } = await promisify(execFile)(process.execPath, [
      PINCH_BIN,
      "status",
      "--state-dir",
      harness.stateDir,
      "--json",
    ]);
    expect(JSON.parse(stdout).accounts[0].awayWaiting).toEqual({ count: 3, answering: false });

    // Longer than the note waits for quiet after a start: a second note would be out by then.
    await harness.stop();
    await harness.restart();
    await settle(8_000);
    expect(harness.sent()).toHaveLength(before + 1);
  }, 180_000);
});

describe("pinch gateway: while you were away", () => {
  it("/answer answers each kept message once, in its chat's order, across a kill -9 mid-way", async () => {
    gateway = await start({ IMSG_SIM_SEND_DELAY_MS: "150" });
    const harness = gateway;
    const ownerChat = await ownerChatOf(harness);
    await harness.stop();
    const texts = Array.from({ length: 8 }, (_, index) => `missed ${index}`);
    let aliceChat = 0;
    for (const text of texts) {
      aliceChat = harness.sim.injectInbound({ from: alice, text, date: threeHoursAgo() }).chatId;
    }
    const bobChat = harness.sim.injectInbound({
      from: bob,
      text: "bob missed",
      date: threeHoursAgo(),
    }).chatId;
    await harness.restart();
    await harness.waitForSent(2, { chatId: ownerChat, timeoutMs: 15_000 });
    expect(harness.sent({ chatId: aliceChat })).toHaveLength(0);

    harness.sim.injectInbound({ from: owner, text: "/answer" });
    await waitFor(
      () => harness.sent({ chatId: aliceChat }).length >= 3,
      20_000,
      () => `no answers before the kill:\n${harness.logs()}`,
    );
    const sentBeforeKill = harness.sent({ chatId: aliceChat }).length;
    await harness.kill();
    expect(sentBeforeKill).toBeLessThan(texts.length);
    await harness.restart();
    await harness.waitForSent(texts.length, { chatId: aliceChat, timeoutMs: 30_000 });
    await harness.waitForSent(1, { chatId: bobChat, timeoutMs: 10_000 });
    await settle(1_500);
    expect(harness.sent({ chatId: aliceChat }).map((row) => row.text)).toEqual(
      texts.map((text) => `echo: ${text}`),
    );
    expect(harness.sent({ chatId: bobChat }).map((row) => row.text)).toEqual(["echo: bob missed"]);
    expect(harness.sent({ chatId: ownerChat }).map((row) => row.text)).toContain(
      "Answering the 9 messages that came while I was away.",
    );
    await waitFor(
      () => keptGuids(harness).length === 0,
      5_000,
      () => "the answered messages are still kept",
    );
  }, 180_000);

  it("rows that arrive late while it runs (a Mac waking, iCloud syncing) are kept and noted once", async () => {
    gateway = await start();
    const harness = gateway;
    const ownerChat = await ownerChatOf(harness);
    const { chatId: aliceChat } = harness.sim.injectInbound({
      from: alice,
      text: "from this morning",
      date: threeHoursAgo(),
    });
    harness.sim.injectInbound({ from: alice, text: "and this too", date: threeHoursAgo() });
    const [, note] = await harness.waitForSent(2, { chatId: ownerChat, timeoutMs: 15_000 });
    expect(note?.text).toContain("2 messages");
    await settle(1_000);
    expect(harness.sent({ chatId: ownerChat })).toHaveLength(2);
    expect(harness.sent({ chatId: aliceChat })).toHaveLength(0);
  }, 180_000);

  it("/dismiss leaves the kept messages unanswered and clears them for good", async () => {
    gateway = await start();
    const harness = gateway;
    const ownerChat = await ownerChatOf(harness);
    await harness.stop();
    const { chatId: aliceChat } = harness.sim.injectInbound({
      from: alice,
      text: "old news",
      date: threeHoursAgo(),
    });
    await harness.restart();
    await harness.waitForSent(2, { chatId: ownerChat, timeoutMs: 15_000 });
    harness.sim.injectInbound({ from: owner, text: "/dismiss" });
    const replies = await harness.waitForSent(3, { chatId: ownerChat });
    expect(replies.at(-1)?.text).toBe("Left the 1 message from while I was away unanswered.");
    expect(keptGuids(harness)).toEqual([]);
    harness.sim.injectInbound({ from: owner, text: "/answer" });
    const after = await harness.waitForSent(4, { chatId: ownerChat });
    expect(after.at(-1)?.text).toBe("Nothing is waiting from while I was away.");
    await harness.stop();
    await harness.restart();
    await settle(1_000);
    expect(harness.sent({ chatId: aliceChat })).toHaveLength(0);
  }, 180_000);

  it("a stranger's /answer is refused and answers nothing", async () => {
    gateway = await start();
    const harness = gateway;
    await ownerChatOf(harness);
    await harness.stop();
    const { chatId: aliceChat } = harness.sim.injectInbound({
      from: alice,
      text: "old",
      date: threeHoursAgo(),
    });
    await harness.restart();
    await harness.waitForLog(/telling the owner about messages/, 15_000);
    const { chatId: bobChat } = harness.sim.injectInbound({ from: bob, text: "/answer" });
    const [refusal] = await harness.waitForSent(1, { chatId: bobChat });
    expect(refusal?.text).toBe("Only the owner can do that.");
    await settle(1_000);
    expect(harness.sent({ chatId: aliceChat })).toHaveLength(0);
  }, 180_000);

  it("the model is told a kept message is answered late, and when it was written", async () => {
    const fake = await FakeLlmServer.start();
    try {
      const providerKey = ["fake", "provider", "key", "a9e1"].join("-");
      gateway = await start(
        {},
        providerConfig({ baseUrl: fake.baseUrl, api: "anthropic-messages", apiKey: providerKey }),
      );
      const harness = gateway;
      const ownerChat = await ownerChatOf(harness);
      await harness.stop();
      const written = threeHoursAgo();
      const { chatId } = harness.sim.injectInbound({ from: alice, text: "dinner at eight?", date: written });
      await harness.restart();
      await harness.waitForSent(2, { chatId: ownerChat, timeoutMs: 15_000 });
      const asked = fake.requests.length;
      harness.sim.injectInbound({ from: owner, text: "/answer" });
      const [reply] = await harness.waitForSent(1, { chatId, timeoutMs: 15_000 });
      expect(reply?.text).toBe("reply: dinner at eight?");
      const late = fake.requests.slice(asked).map(conversationOf);
      expect(late).toHaveLength(1);
      expect(late[0]?.system).toContain(`This message was written at ${written.toISOString()}`);
      expect(late[0]?.system).toContain("answered only now");
    } finally {
      await fake.close();
    }
  }, 180_000);
});
