/**
 * Block streaming through the real `pinch gateway` process, the imsg
 * simulator and the fake provider writing its answer a token at a time: the
 * parts arrive in order and once each, across a kill -9 of the gateway and a
 * restart of imsg in the middle of an answer, and a model that breaks off
 * ends its answer with a note instead of a second answer.
 */
import { afterEach, describe, expect, it } from "vitest";
import { formatReply } from "../../app/channel/format-reply.ts";
import { ANSWER_INTERRUPTED_NOTE } from "../../app/channel/streamed-answer.ts";
import { type FakeApi, FakeLlmServer, lastUserText } from "../fake-llm/fake-llm-server.ts";
import { providerConfig } from "../fake-llm/model-gateway.ts";
import { type GatewayHarness, settle, startGateway, waitFor } from "./gateway-harness.ts";

const friend = "+15555550123";

/** Six paragraphs of about 250 characters: each is a part of its own at the default `minChars` (200). */
const paragraphs = Array.from(
  { length: 6 },
  (_, index) =>
    `Paragraph ${index + 1} opens here. ${"It carries on with plain words that need no markdown at all, ".repeat(3).trim()} And it ends now.`,
);
const longAnswer = paragraphs.join("\n\n");

let fake: FakeLlmServer | undefined;
let backup: FakeLlmServer | undefined;
let gateway: GatewayHarness | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
  await fake?.close();
  await backup?.close();
  fake = undefined;
  backup = undefined;
});

/** The long answer at `tokensPerSecond` for any message but "next", which gets a short one. */
async function pacedProvider(tokensPerSecond: number): Promise<FakeLlmServer> {
  return FakeLlmServer.start((request) =>
    lastUserText(request).endsWith("next")
      ? { kind: "reply", text: "Here is the next answer." }
      : { kind: "reply", text: longAnswer, tokensPerSecond },
  );
}

async function start(
  provider: FakeLlmServer,
  options: { api?: FakeApi; imessage?: Record<string, unknown>; extra?: Record<string, unknown> } = {},
): Promise<GatewayHarness> {
  const models = providerConfig({
    baseUrl: provider.baseUrl,
    api: options.api ?? "anthropic-messages",
    stream: true,
  });
  gateway = await startGateway({
    // Parts end at paragraphs only, however slow a loaded machine makes the stream (idleMs has its own test).
    imessage: {
      dmPolicy: "open",
      allowFrom: ["*"],
      blockStreamingCoalesce: { idleMs: 600_000 },
      ...options.imessage,
    },
    extra: { ...models, ...options.extra },
    echo: false,
  });
  return gateway;
}

const texts = (harness: GatewayHarness, chatId?: number) =>
  harness.sent(chatId === undefined ? {} : { chatId }).map((row) => row.text);

describe.each(["anthropic-messages", "openai-completions", "openai-responses"] as const)(
  "block streaming (%s)",
  { timeout: 90_000 },
  (api) => {
    it("sends each paragraph as it is written, in order, once, and the whole says what one bubble would", async () => {
      fake = await pacedProvider(100);
      const harness = await start(fake, { api });
      harness.sim.injectInbound({ from: friend, text: "tell me a long story" });
      // The first paragraph is in the chat while the provider is still writing the rest.
      await harness.waitForSent(1, { timeoutMs: 15_000 });
      expect(fake.timings).toHaveLength(0);
      const rows = await harness.waitForSent(paragraphs.length, { timeoutMs: 15_000 });
      await settle(500);
      expect(texts(harness)).toEqual(paragraphs);
      expect(rows.map((row) => row.text).join("\n\n")).toBe(formatReply(longAnswer, oneShot).join(""));
    });
  },
);

const oneShot = { textChunkLimit: 4000, chunkMode: "length" as const };

describe("block streaming", { timeout: 120_000 }, () => {
  it("sends one bubble set as before when blockStreaming is false", async () => {
    fake = await pacedProvider(400);
    const harness = await start(fake, { imessage: { blockStreaming: false } });
    harness.sim.injectInbound({ from: friend, text: "tell me a long story" });
    await harness.waitForSent(1, { timeoutMs: 30_000 });
    await settle(500);
    expect(texts(harness)).toEqual(formatReply(longAnswer, oneShot));
  });

  it("reads the reference's streaming.block keys: enabled false sends one bubble", async () => {
    fake = await pacedProvider(400);
    const harness = await start(fake, { imessage: { streaming: { block: { enabled: false } } } });
    harness.sim.injectInbound({ from: friend, text: "tell me a long story" });
    await harness.waitForSent(1, { timeoutMs: 30_000 });
    await settle(500);
    expect(texts(harness)).toHaveLength(1);
  });

  it("sends a short answer's words once, however long the gateway waits after it", async () => {
    fake = await FakeLlmServer.start(() => ({ kind: "reply", text: "Sure. Done.", tokensPerSecond: 400 }));
    const harness = await start(fake, { imessage: { blockStreamingCoalesce: { idleMs: 1_000 } } });
    harness.sim.injectInbound({ from: friend, text: "quick one" });
    await harness.waitForSent(1, { timeoutMs: 15_000 });
    // Past the wait for a finished sentence: the answer already went out whole, nothing is cut from it.
    await settle(2_000);
    expect(texts(harness).join(" ")).toBe("Sure. Done.");
  });

  it("sends the finished sentences of a slow paragraph after idleMs, and the whole still reads as one", async () => {
    const paragraph = Array.from({ length: 6 }, (_, index) => `Sentence ${index + 1} of a slow answer.`).join(
      " ",
    );
    fake = await FakeLlmServer.start(() => ({ kind: "reply", text: paragraph, tokensPerSecond: 20 }));
    const harness = await start(fake, { imessage: { blockStreamingCoalesce: { idleMs: 1_000 } } });
    harness.sim.injectInbound({ from: friend, text: "slowly" });
    await waitFor(
      () => fake?.timings.length === 1,
      30_000,
      () => "the provider never finished",
    );
    await settle(1_000);
    const sent = texts(harness);
    expect(sent.length).toBeGreaterThan(1);
    for (const part of sent) expect(part).toMatch(/^Sentence \d.*\.$/);
    expect(sent.join(" ")).toBe(paragraph);
  });

  it("keeps a DM's typing indicator on between parts while the model writes, and clears it after", async () => {
    fake = await pacedProvider(100);
    const harness = await start(fake);
    harness.sim.injectInbound({ from: friend, text: "tell me a long story" });
    await harness.waitForSent(paragraphs.length, { timeoutMs: 30_000 });
    await settle(500);
    const typing = harness.sim
      .actions()
      .filter((action) => action.method === "typing")
      .map((action) => action.typing);
    expect(typing[0]).toBe(true);
    expect(typing.at(-1)).toBe(false);
    // Sent again after a part: a message clears the dots on the other side.
    expect(typing.filter((on) => on === true).length).toBeGreaterThan(1);
  });

  it("keeps twenty chats streaming at once each in its own order", async () => {
    fake = await pacedProvider(400);
    const harness = await start(fake);
    const senders = Array.from({ length: 20 }, (_, index) => `+1555557${String(index).padStart(4, "0")}`);
    const chats = harness.sim.batch(() =>
      senders.map((from) => harness.sim.injectInbound({ from, text: "story please" }).chatId),
    );
    await harness.waitForSent(20 * paragraphs.length, { timeoutMs: 60_000 });
    await settle(500);
    for (const chatId of chats) expect(texts(harness, chatId)).toEqual(paragraphs);
  });

  it("after a kill -9 mid-answer, sends no part twice, ends the answer with a note, then answers the next message", async () => {
    fake = await pacedProvider(100);
    const harness = await start(fake);
    harness.sim.injectInbound({ from: friend, text: "tell me a long story" });
    await harness.waitForSent(1, { timeoutMs: 30_000 });
    await harness.kill();
    await harness.restart();
    await waitFor(
      () => texts(harness).includes(ANSWER_INTERRUPTED_NOTE),
      15_000,
      () => `no note after the restart: ${JSON.stringify(texts(harness))}\n${harness.logs()}`,
    );
    const before = texts(harness);
    const sentParts = before.slice(0, -1);
    expect(before.at(-1)).toBe(ANSWER_INTERRUPTED_NOTE);
    expect(sentParts.length).toBeGreaterThanOrEqual(1);
    expect(sentParts.length).toBeLessThan(paragraphs.length);
    expect(sentParts).toEqual(paragraphs.slice(0, sentParts.length));
    // The interrupted message is not asked again; the next one is answered after the note.
    harness.sim.injectInbound({ from: friend, text: "next" });
    await harness.waitForSent(before.length + 1, { timeoutMs: 15_000 });
    await settle(500);
    expect(texts(harness)).toEqual([...before, "Here is the next answer."]);
    expect(fake.requests.map((request) => lastUserText(request).split("\n").at(-1))).toEqual([
      "tell me a long story",
      "next",
    ]);
  });

  it("finishes an answer whole, no part twice, when imsg restarts in the middle of it", async () => {
    fake = await pacedProvider(150);
    const harness = await start(fake);
    const imsgPids = () =>
      [...harness.logs().matchAll(/imsg connected .*pid=(\d+)/g)].map((match) => Number(match[1]));
    harness.sim.injectInbound({ from: friend, text: "tell me a long story" });
    await harness.waitForSent(1, { timeoutMs: 30_000 });
    const known = imsgPids().length;
    process.kill(imsgPids().at(-1) as number, "SIGKILL");
    await waitFor(() => imsgPids().length > known, 15_000, harness.logs);
    await harness.waitForSent(paragraphs.length, { timeoutMs: 30_000 });
    harness.sim.injectInbound({ from: friend, text: "next" });
    await harness.waitForSent(paragraphs.length + 1, { timeoutMs: 15_000 });
    await settle(500);
    expect(texts(harness)).toEqual([...paragraphs, "Here is the next answer."]);
  });

  it("ends an answer the model broke off with a note, and asks no fallback to start over", async () => {
    fake = await FakeLlmServer.start((request) =>
      lastUserText(request).endsWith("next")
        ? { kind: "reply", text: "Here is the next answer." }
        : { kind: "reply", text: longAnswer, tokensPerSecond: 400, cutAfterChars: 700 },
    );
    backup = await FakeLlmServer.start(() => ({ kind: "reply", text: "A fallback answer from scratch." }));
    const models = providerConfig({ baseUrl: fake.baseUrl, api: "openai-completions", stream: true });
    const harness = await start(fake, {
      extra: {
        models: {
          providers: {
            ...models.models.providers,
            spare: {
              baseUrl: backup.baseUrl,
              api: "openai-completions",
              stream: true,
              models: [{ id: "m" }],
            },
          },
        },
        agents: { defaults: { model: { primary: "fake/test-model", fallbacks: ["spare/m"] } } },
      },
    });
    harness.sim.injectInbound({ from: friend, text: "tell me a long story" });
    await waitFor(
      () => texts(harness).includes(ANSWER_INTERRUPTED_NOTE),
      30_000,
      () => `no note: ${JSON.stringify(texts(harness))}\n${harness.logs()}`,
    );
    await settle(500);
    const sent = texts(harness);
    expect(sent.at(-1)).toBe(ANSWER_INTERRUPTED_NOTE);
    expect(sent.slice(0, -1)).toEqual(paragraphs.slice(0, sent.length - 1));
    expect(sent.length - 1).toBeGreaterThanOrEqual(1);
    expect(backup.requests).toHaveLength(0);
    expect(fake.requests).toHaveLength(1);
  });
});
