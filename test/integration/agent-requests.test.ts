/**
 * The exact requests the gateway sends a model, through the real gateway, the
 * imsg simulator and a fake provider on 127.0.0.1: model, system prompt,
 * history order, group labels and context, seeded and trimmed history,
 * images, and the reply that reaches the chat.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_SYSTEM_PROMPT } from "../../app/agent/system-prompt.ts";
import { conversationOf, type FakeApi, FakeLlmServer } from "../fake-llm/fake-llm-server.ts";
import { type ModelGateway, providerConfig, startModelGateway } from "../fake-llm/model-gateway.ts";
import { waitFor } from "./gateway-harness.ts";

const friend = "+15555550123";
const other = "+15555550999";
const openDms = { dmPolicy: "open", allowFrom: ["*"] };

let fake: FakeLlmServer;
let running: ModelGateway | undefined;
beforeEach(async () => {
  fake = await FakeLlmServer.start();
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
  await fake.close();
});

async function start(options: Parameters<typeof startModelGateway>[0]): Promise<ModelGateway> {
  running = await startModelGateway(options);
  return running;
}

/** The conversation of the model request at `index` (which must exist). */
function sentAt(index: number) {
  const request = fake.requests[index];
  if (!request) throw new Error(`no model request #${index}; got ${fake.requests.length}`);
  return conversationOf(request);
}

async function requestsAfter(count: number) {
  await waitFor(
    () => fake.requests.length >= count,
    10_000,
    () => `expected ${count} model requests, got ${fake.requests.length}`,
  );
  return fake.requests;
}

describe("the request a model receives", () => {
  const apis: FakeApi[] = ["anthropic-messages", "openai-completions", "openai-responses"];
  for (const api of apis) {
    for (const stream of [false, true]) {
      it(`${api}${stream ? ", streamed" : ""}: model, system prompt, history in order, reply in the chat`, async () => {
        const gw = await start({
          config: {
            channels: { imessage: openDms },
            session: { dmScope: "per-channel-peer" },
            ...providerConfig({ baseUrl: fake.baseUrl, api, model: "m-1", stream }),
          },
        });
        gw.sim.injectInbound({ from: friend, text: "hello there" });
        expect((await gw.waitForSent(1))[0]?.text).toBe("reply: hello there");
        gw.sim.injectInbound({ from: friend, text: "and again" });
        expect((await gw.waitForSent(2))[1]?.text).toBe("reply: and again");
        expect(fake.requests[0]?.model).toBe("m-1");
        expect(fake.requests[0]?.stream).toBe(stream);
        expect(sentAt(0)).toEqual({
          system: DEFAULT_SYSTEM_PROMPT,
          messages: [{ role: "user", text: "hello there", images: 0 }],
        });
        expect(sentAt(1).messages.map(({ role, text }) => [role, text])).toEqual([
          ["user", "hello there"],
          ["assistant", "reply: hello there"],
          ["user", "and again"],
        ]);
      });
    }
  }

  it("switches from the echo agent to a model when one is added to the running config", async () => {
    const gw = await start({ config: { channels: { imessage: openDms } } });
    gw.sim.injectInbound({ from: friend, text: "before" });
    expect((await gw.waitForSent(1))[0]?.text).toBe("echo: before");
    const configPath = join(gw.dir, "pinch.json5");
    const config = JSON.parse(readFileSync(configPath, "utf8"));
    writeFileSync(
      configPath,
      JSON.stringify({ ...config, ...providerConfig({ baseUrl: fake.baseUrl, api: "openai-completions" }) }),
    );
    await gw.waitForLog(/config reloaded/);
    gw.sim.injectInbound({ from: friend, text: "after" });
    expect((await gw.waitForSent(2))[1]?.text).toBe("reply: after");
  });

  it("uses the agent's own systemPrompt and keeps sessions apart per sender", async () => {
    const gw = await start({
      config: {
        channels: { imessage: openDms },
        session: { dmScope: "per-channel-peer" },
        ...providerConfig({ baseUrl: fake.baseUrl, api: "anthropic-messages" }),
        agents: {
          ...providerConfig({ baseUrl: fake.baseUrl, api: "anthropic-messages" }).agents,
          list: [{ id: "pinchy", systemPrompt: "You are Pinchy, a crab." }],
        },
      },
    });
    gw.sim.injectInbound({ from: friend, text: "from friend" });
    await gw.waitForSent(1);
    gw.sim.injectInbound({ from: other, text: "from other" });
    await gw.waitForSent(2);
    const [first, second] = fake.requests.map(conversationOf);
    expect(first?.system).toBe("You are Pinchy, a crab.");
    expect(second?.messages.map((message) => message.text)).toEqual(["from other"]);
  });

  it("sends messages.groupChat.historyLimit recent group messages as context when the channel sets no historyLimit", async () => {
    let chatId = 0;
    const gw = await start({
      config: {
        channels: { imessage: { groupPolicy: "open" } },
        messages: { groupChat: { mentionPatterns: ["@pinch"], historyLimit: 1 } },
        ...providerConfig({ baseUrl: fake.baseUrl, api: "openai-completions" }),
      },
      seed: (sim) => {
        chatId = sim.group({ participants: [friend, other] }).id;
      },
    });
    gw.sim.injectInbound({ from: other, chat: chatId, text: "first" });
    gw.sim.injectInbound({ from: other, chat: chatId, text: "second" });
    // Unmentioned rows are recorded on the chat's own queue; let them land before the mention's turn reads them.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    gw.sim.injectInbound({ from: friend, chat: chatId, text: "@pinch summary?" });
    await gw.waitForSent(1, { chatId });
    expect(sentAt(0).messages.map((message) => message.text)).toEqual([
      [
        "Recent messages in this group, oldest first (context only, not addressed to you):",
        `[${other}] second`,
        "",
        `[${friend}] @pinch summary?`,
      ].join("\n"),
    ]);
  });

  it("labels group speakers, adds the group's systemPrompt, and sends recent messages as context once", async () => {
    let chatId = 0;
    const gw = await start({
      config: {
        channels: {
          imessage: {
            groupPolicy: "open",
            historyLimit: 10,
            groups: { "*": { systemPrompt: "Keep it short." } },
          },
        },
        messages: { groupChat: { mentionPatterns: ["@pinch"] } },
        commands: { ownerAllowFrom: [friend] },
        ...providerConfig({ baseUrl: fake.baseUrl, api: "openai-responses" }),
      },
      seed: (sim) => {
        chatId = sim.group({ participants: [friend, other], displayName: "Family" }).id;
      },
    });
    gw.sim.injectInbound({ from: other, chat: chatId, text: "dinner at 7?" });
    gw.sim.injectInbound({ from: friend, chat: chatId, text: "@pinch what did they say?" });
    await gw.waitForSent(1, { chatId });
    gw.sim.injectInbound({ from: other, chat: chatId, text: "I'll bring wine" });
    gw.sim.injectInbound({ from: other, chat: chatId, text: "@pinch and now?" });
    await gw.waitForSent(2, { chatId });
    const [first, second] = (await requestsAfter(2)).map(conversationOf);
    expect(first?.system).toContain(DEFAULT_SYSTEM_PROMPT);
    expect(first?.system).toContain('group chat named "Family"');
    expect(first?.system.endsWith("Keep it short.")).toBe(true);
    expect(first?.messages.map((message) => message.text)).toEqual([
      [
        "Recent messages in this group, oldest first (context only, not addressed to you):",
        `[${other}] dinner at 7?`,
        "",
        `[${friend}] @pinch what did they say?`,
      ].join("\n"),
    ]);
    // The first request is repeated as it was sent, context included (a stable prefix for the
    // provider's cache); the new context holds only what came since.
    expect(second?.messages.map(({ role, text }) => [role, text])).toEqual([
      ["user", first?.messages[0]?.text],
      ["assistant", `reply: [${friend}] @pinch what did they say?`],
      [
        "user",
        [
          "Recent messages in this group, oldest first (context only, not addressed to you):",
          `[${other}] I'll bring wine`,
          "",
          `[${other}] @pinch and now?`,
        ].join("\n"),
      ],
    ]);
    // `/reset` clears this group's session (in memory and on disk): the next mention starts afresh.
    gw.sim.injectInbound({ from: friend, chat: chatId, text: "/reset" });
    expect((await gw.waitForSent(3, { chatId }))[2]?.text).toBe("Started a new conversation.");
    await gw.agent.close?.();
    expect(readdirSync(join(gw.stateDir, "agents", "main", "sessions"))).toEqual([]);
    gw.sim.injectInbound({ from: other, chat: chatId, text: "@pinch fresh start" });
    await gw.waitForSent(4, { chatId });
    expect(sentAt(2).messages.filter((message) => message.role === "assistant")).toEqual([]);
  });

  it("seeds a new DM session with the per-sender history limit, once; /new clears the session", async () => {
    const gw = await start({
      config: {
        channels: { imessage: { ...openDms, dmHistoryLimit: 1, dms: { [friend]: { historyLimit: 2 } } } },
        session: { dmScope: "per-channel-peer" },
        ...providerConfig({ baseUrl: fake.baseUrl, api: "openai-completions" }),
      },
      seed: (sim) => {
        const at = Date.now() - 60_000;
        for (const [index, text] of ["one", "two", "three"].entries()) {
          sim.injectInbound({ from: friend, text, date: new Date(at + index * 1000) });
        }
      },
    });
    gw.sim.injectInbound({ from: friend, text: "four" });
    await gw.waitForSent(1);
    gw.sim.injectInbound({ from: friend, text: "five" });
    await gw.waitForSent(2);
    gw.sim.injectInbound({ from: friend, text: "/new" });
    expect((await gw.waitForSent(3))[2]?.text).toBe("Started a new conversation.");
    gw.sim.injectInbound({ from: friend, text: "six" });
    await gw.waitForSent(4);
    const [first, second, third] = (await requestsAfter(3)).map(conversationOf);
    const seeded = [
      "Earlier messages in this conversation, oldest first:",
      `[${friend}] two`,
      `[${friend}] three`,
      "",
      "New message:",
      "four",
    ].join("\n");
    expect(first?.messages.map((message) => message.text)).toEqual([seeded]);
    expect(second?.messages.map((message) => message.text)).toEqual([seeded, "reply: four", "five"]);
    expect(third?.messages.map((message) => message.text)).toEqual(["six"]);
  });

  it("trims the oldest exchanges to fit the model's context window", async () => {
    const gw = await start({
      config: {
        channels: { imessage: openDms },
        ...providerConfig({
          baseUrl: fake.baseUrl,
          api: "anthropic-messages",
          contextWindow: 700,
          maxTokens: 100,
        }),
      },
    });
    // Each exchange is about 2 × (200/4 + 4) = 108 tokens; the system prompt about 60, the reply room 100.
    for (let index = 0; index < 6; index++) {
      gw.sim.injectInbound({ from: friend, text: `${index} ${"x".repeat(200)}` });
      await gw.waitForSent(index + 1);
    }
    await requestsAfter(6);
    const last = sentAt(5);
    const firsts = last.messages.map((message) => message.text.split(" ")[0]);
    expect(firsts.at(-1)).toBe("5");
    expect(last.messages[0]?.role).toBe("user");
    // Oldest gone, the rest in order and alternating.
    expect(firsts).toEqual(
      ["1", "reply:", "2", "reply:", "3", "reply:", "4", "reply:", "5"].slice(-firsts.length),
    );
    expect(last.messages.length).toBeLessThan(11);
    expect(last.messages.length).toBeGreaterThanOrEqual(5);
  });

  it("sends an image as an image part to a model that reads images, and describes it to one that does not", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pinch-image-"));
    const photo = join(dir, "photo.png");
    writeFileSync(photo, Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"));
    const attachments = { includeAttachments: true, attachmentRoots: [dir] };
    const config = (input: string[]) => ({
      channels: { imessage: { ...openDms, ...attachments } },
      ...providerConfig({ baseUrl: fake.baseUrl, api: "openai-completions", input }),
    });
    const seeing = await start({ config: config(["text", "image"]) });
    seeing.sim.injectInbound({ from: friend, text: "look", attachments: [photo] });
    await seeing.waitForSent(1);
    const withImage = sentAt(0).messages[0];
    expect(withImage?.images).toBe(1);
    expect(withImage?.text).toBe("look\n[The sender attached an image: photo.png.]");
    const part = fake.requests[0]?.body.messages[1].content[1];
    expect(part.image_url.url).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    await seeing.stop();
    running = undefined;

    const blind = await start({ config: config(["text"]) });
    blind.sim.injectInbound({ from: friend, attachments: [photo] });
    await blind.waitForSent(1);
    const described = sentAt(1).messages[0];
    expect(described?.images).toBe(0);
    expect(described?.text).toBe("[The sender attached a file you cannot see: photo.png (image/png, 16 B).]");
  });
});
