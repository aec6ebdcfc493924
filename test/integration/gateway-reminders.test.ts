/**
 * The owner's reminders and scheduled messages through the real `pinch
 * gateway`, the simulator and the fake provider asking for the tools: set in
 * chat, sent once at their time, kept across a kill -9, late after a gap,
 * held by quiet hours, and a message to another chat only on the owner's yes.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeLlmServer, type RecordedRequest } from "../fake-llm/fake-llm-server.ts";
import { carriedToolResults, offeredTools, relayToolResult } from "../fake-llm/fake-tool-calls.ts";
import { providerConfig } from "../fake-llm/model-gateway.ts";
import { type GatewayHarness, settle, startGateway } from "./gateway-harness.ts";

const owner = "+15555550100";
const friend = "+15555550177";
const WAIT = { timeoutMs: 20_000 };

// Each test starts the real gateway (twice across a restart) and lets a reminder come due: on a
// loaded runner that takes well over the default 30 s.
vi.setConfig({ testTimeout: 120_000 });

let harness: GatewayHarness | undefined;
let fake: FakeLlmServer | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  await fake?.close();
  fake = undefined;
});

async function startWithModel(
  api: "anthropic-messages" | "openai-completions" | "openai-responses" = "openai-completions",
  options: { stream?: boolean; imessage?: Record<string, unknown>; env?: NodeJS.ProcessEnv } = {},
) {
  fake = await FakeLlmServer.start(relayToolResult);
  harness = await startGateway({
    echo: false,
    imessage: { dmPolicy: "open", allowFrom: ["*"], ...options.imessage },
    extra: {
      ...providerConfig({ baseUrl: fake.baseUrl, api, stream: options.stream === true }),
      commands: { ownerAllowFrom: [owner] },
    },
    env: { TZ: "UTC", ...options.env },
  });
  return { fake, harness };
}

function remindersFile(running: GatewayHarness): { state: string; late?: boolean }[] {
  const path = join(running.stateDir, "imessage", "default", "reminders.json");
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")).reminders : [];
}

describe.each([
  { api: "anthropic-messages" as const, stream: false },
  { api: "anthropic-messages" as const, stream: true },
  { api: "openai-completions" as const, stream: false },
  { api: "openai-completions" as const, stream: true },
  { api: "openai-responses" as const, stream: false },
  { api: "openai-responses" as const, stream: true },
])("a reminder over $api (stream: $stream)", ({ api, stream }) => {
  it("is confirmed in words, fires at its time and is sent exactly once", async () => {
    const { fake, harness } = await startWithModel(api, { stream });
    fake.script({ kind: "tool-call", name: "remind", input: { text: "call mum", when: "in 2 seconds" } });
    const { chatId } = harness.sim.injectInbound({ from: owner, text: "remind me in 2 seconds to call mum" });
    const [confirmation] = await harness.waitForSent(1, { chatId, ...WAIT });
    expect(confirmation?.text).toMatch(/^I'll remind you (today|tomorrow) at \d\d:\d\d\.$/);
    expect(offeredTools(fake.requests[0] as RecordedRequest)).toEqual(
      expect.arrayContaining(["remind", "schedule_message", "catch_up"]),
    );
    expect(carriedToolResults(fake.requests[1] as RecordedRequest)).toHaveLength(1);
    const sent = await harness.waitForSent(2, { chatId, ...WAIT });
    expect(sent[1]?.text).toBe("Reminder: call mum");
    await settle(2_500);
    expect(harness.sent({ chatId })).toHaveLength(2);
  });
});

describe("reminders across a stop", () => {
  it("survives a kill -9 and is sent once after the restart, marked late when due while the gateway was down", async () => {
    const { fake, harness } = await startWithModel();
    fake.script({
      kind: "tool-call",
      name: "remind",
      input: { text: "take the cake out", when: "in 2 seconds" },
    });
    const { chatId } = harness.sim.injectInbound({ from: owner, text: "remind me in 2 seconds: cake" });
    await harness.waitForSent(1, { chatId, ...WAIT });
    await harness.kill();
    await settle(8_000);
    expect(harness.sent({ chatId })).toHaveLength(1);
    await harness.restart();
    const sent = await harness.waitForSent(2, { chatId, ...WAIT });
    expect(sent[1]?.text).toMatch(/^Reminder: take the cake out \(late: due \d\d:\d\d\)$/);
    await settle(2_500);
    expect(harness.sent({ chatId })).toHaveLength(2);
    expect(remindersFile(harness)).toEqual([expect.objectContaining({ state: "sent", late: true })]);
    // The tool call is logged, its words only with verbose logging.
    expect(harness.logs()).toMatch(/tool call .*tool=remind/);
    expect(harness.logs()).not.toContain("take the cake out");
  });

  it("is not sent again when the gateway is killed just after sending it", async () => {
    const { fake, harness } = await startWithModel();
    fake.script({ kind: "tool-call", name: "remind", input: { text: "stretch", when: "in 1 second" } });
    const { chatId } = harness.sim.injectInbound({ from: owner, text: "remind me to stretch in a second" });
    await harness.waitForSent(2, { chatId, ...WAIT });
    await harness.kill();
    await harness.restart();
    await settle(3_000);
    expect(harness.sent({ chatId }).map((row) => row.text)).toEqual([
      expect.stringMatching(/^I'll remind you/),
      "Reminder: stretch",
    ]);
  });
});

describe("quiet hours", () => {
  it("hold a due reminder until they end, and it then goes out unmarked", async () => {
    const now = new Date();
    const clock = (offsetHours: number) =>
      `${String((now.getUTCHours() + 24 + offsetHours) % 24).padStart(2, "0")}:00`;
    const { fake, harness } = await startWithModel("openai-completions", {
      imessage: { quietHours: { start: clock(-1), end: clock(2) } },
    });
    fake.script({
      kind: "tool-call",
      name: "remind",
      input: { text: "water the plants", when: "in 1 second" },
    });
    const { chatId } = harness.sim.injectInbound({
      from: owner,
      text: "remind me in a second to water the plants",
    });
    const [confirmation] = await harness.waitForSent(1, { chatId, ...WAIT });
    expect(confirmation?.text).toMatch(/That falls in quiet hours, so it will come at \d\d:00\.$/);
    await harness.waitForLog(/holding a reminder for the end of quiet hours/, 10_000);
    await settle(2_000);
    expect(harness.sent({ chatId })).toHaveLength(1);
    // The quiet hours end (here: the owner takes them out); the held reminder goes out at once.
    harness.editConfig((config) => {
      delete config.channels.imessage.quietHours;
    });
    const sent = await harness.waitForSent(2, { chatId, ...WAIT });
    expect(sent[1]?.text).toBe("Reminder: water the plants");
  });
});

describe("a message to another chat", () => {
  it("waits for the owner's yes, then goes to that chat at its time", async () => {
    const { fake, harness } = await startWithModel();
    const friendChat = harness.sim.dm(friend);
    // imsg lists a chat once it has a message: an earlier one of the owner's.
    harness.sim.injectFromMe({ chat: friendChat, text: "see you at 8" });
    fake.script({
      kind: "tool-call",
      name: "schedule_message",
      input: { chat: friend, text: "Running ten minutes late", when: "in 1 second" },
    });
    const { chatId } = harness.sim.injectInbound({ from: owner, text: "tell my friend I'm running late" });
    const [question] = await harness.waitForSent(1, { chatId, ...WAIT });
    expect(question?.text).toMatch(
      /^Send "Running ten minutes late" to \+15555550177 today at \d\d:\d\d\? Answer yes or no\.$/,
    );
    await settle(3_000);
    expect(harness.sent({ chatId: friendChat.id })).toHaveLength(1);
    harness.sim.injectInbound({ from: owner, text: "yes" });
    const answers = await harness.waitForSent(2, { chatId, ...WAIT });
    expect(answers[1]?.text).toMatch(
      /^Scheduled: today at \d\d:\d\d to \+15555550177: "Running ten minutes late"$/,
    );
    const toFriend = await harness.waitForSent(2, { chatId: friendChat.id, ...WAIT });
    expect(toFriend.map((row) => row.text)).toEqual(["see you at 8", "Running ten minutes late"]);
    // The yes was answered without asking the model.
    expect(fake.requests).toHaveLength(2);
  });

  it("is never sent when the owner says no", async () => {
    const { fake, harness } = await startWithModel();
    const friendChat = harness.sim.dm(friend);
    // imsg lists a chat once it has a message: an earlier one of the owner's.
    harness.sim.injectFromMe({ chat: friendChat, text: "see you at 8" });
    fake.script({
      kind: "tool-call",
      name: "schedule_message",
      input: { chat: friend, text: "Happy birthday!", when: "in 1 second" },
    });
    const { chatId } = harness.sim.injectInbound({ from: owner, text: "wish my friend happy birthday" });
    await harness.waitForSent(1, { chatId, ...WAIT });
    harness.sim.injectInbound({ from: owner, text: "no" });
    const answers = await harness.waitForSent(2, { chatId, ...WAIT });
    expect(answers[1]?.text).toBe("Not sending it to +15555550177.");
    await settle(3_000);
    expect(harness.sent({ chatId: friendChat.id })).toHaveLength(1);
    expect(remindersFile(harness)).toEqual([expect.objectContaining({ state: "declined" })]);
  });
});

describe("reminder commands", () => {
  it("/reminders lists the open ones and /cancel takes one off before it is sent", async () => {
    const { fake, harness } = await startWithModel();
    fake.script({
      kind: "tool-call",
      name: "remind",
      input: { text: "book the dentist", when: "in 3 seconds" },
    });
    const { chatId } = harness.sim.injectInbound({ from: owner, text: "remind me about the dentist" });
    await harness.waitForSent(1, { chatId, ...WAIT });
    harness.sim.injectInbound({ from: owner, text: "/reminders" });
    const listed = await harness.waitForSent(2, { chatId, ...WAIT });
    expect(listed[1]?.text).toMatch(/^1\. (today|tomorrow) at \d\d:\d\d: book the dentist$/);
    harness.sim.injectInbound({ from: owner, text: "/cancel 1" });
    const cancelled = await harness.waitForSent(3, { chatId, ...WAIT });
    expect(cancelled[2]?.text).toMatch(/^Cancelled: .*book the dentist$/);
    await settle(4_500);
    expect(harness.sent({ chatId })).toHaveLength(3);
  });
});
