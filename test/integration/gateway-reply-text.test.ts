/**
 * What a reply looks like when it reaches the chat, through the real `pinch
 * gateway` and the simulator: the response prefix at each config level, and
 * a model's answer cleaned of its artefacts with its code intact, and a reply
 * too long to send whole cut to a bounded number of messages.
 */
import { afterEach, describe, expect, it } from "vitest";
import { MAX_REPLY_CHUNKS, REPLY_CUT_MARKER } from "../../app/channel/reply-cap.ts";
import { IMESSAGE_DEFAULTS } from "../../app/config/resolve-accounts.ts";
import { FakeLlmServer } from "../fake-llm/fake-llm-server.ts";
import { providerConfig } from "../fake-llm/model-gateway.ts";
import { type GatewayHarness, startGateway, waitFor } from "./gateway-harness.ts";

const friend = "+15555550123";
const open = { dmPolicy: "open", allowFrom: ["*"] };

let harness: GatewayHarness | undefined;
let fake: FakeLlmServer | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  await fake?.close();
  fake = undefined;
});

describe("the response prefix", () => {
  it('opens replies with the agent\'s name in brackets for "auto"', async () => {
    harness = await startGateway({
      imessage: open,
      extra: {
        messages: { responsePrefix: "auto" },
        agents: { list: [{ id: "main", identity: { name: "Clawd" } }] },
      },
    });
    harness.sim.injectInbound({ from: friend, text: "hi" });
    expect((await harness.waitForSent(1))[0]?.text).toBe("[Clawd] echo: hi");
  });

  it('sends no prefix for "auto" when the agent has no identity name', async () => {
    harness = await startGateway({ imessage: open, extra: { messages: { responsePrefix: "auto" } } });
    harness.sim.injectInbound({ from: friend, text: "hi" });
    expect((await harness.waitForSent(1))[0]?.text).toBe("echo: hi");
  });

  it("lets an account's prefix win over the channel's and the global one, and follows edits live", async () => {
    const running = await startGateway({
      imessage: { ...open, responsePrefix: "[channel]", accounts: { work: { responsePrefix: "[work]" } } },
      extra: { messages: { responsePrefix: "🦞" } },
    });
    harness = running;
    running.sim.injectInbound({ from: friend, text: "one" });
    expect((await running.waitForSent(1))[0]?.text).toBe("[work] echo: one");

    // An empty prefix on the account turns the inherited ones off.
    running.editConfig((config) => {
      config.channels.imessage.accounts.work.responsePrefix = "";
    });
    await running.waitForLog(/config reloaded/, 10_000);
    running.sim.injectInbound({ from: friend, text: "two" });
    expect((await running.waitForSent(2))[1]?.text).toBe("echo: two");

    // Without the account's own, the channel's applies.
    running.editConfig((config) => {
      delete config.channels.imessage.accounts.work.responsePrefix;
    });
    await waitFor(() => (running.logs().match(/config reloaded/g) ?? []).length >= 2, 10_000, running.logs);
    running.sim.injectInbound({ from: friend, text: "three" });
    expect((await running.waitForSent(3))[2]?.text).toBe("[channel] echo: three");
  });
});

describe("a model's reply", () => {
  it("arrives without reasoning, memories, separators or tool-call lines, and with its code as written", async () => {
    const code = [
      "class Greeter:",
      "    def __init__(self, first_name):",
      "        self.first_name = first_name",
    ];
    fake = await FakeLlmServer.start(() => ({
      kind: "reply",
      text: [
        "<thought>The user wants a class.</thought>",
        "<relevant_memories>",
        "- prefers Python",
        "</relevant_memories>",
        'assistant to=functions.exec code<|message|>{"cmd":"ls"}',
        "Here is **the class**:",
        "```python",
        ...code,
        "```",
        "+#+#+#+#+#+",
        "Call `Greeter.__init__` through Greeter(); __main__ runs it, and 2*3*4 is 24.",
      ].join("\n"),
    }));
    harness = await startGateway({
      imessage: open,
      extra: providerConfig({ baseUrl: fake.baseUrl, api: "openai-completions" }),
    });
    harness.sim.injectInbound({ from: friend, text: "write me a class" });
    const sent = await harness.waitForSent(1);
    expect(sent.map((row) => row.text)).toEqual([
      [
        "Here is the class:",
        ...code,
        "Call Greeter.__init__ through Greeter(); __main__ runs it, and 2*3*4 is 24.",
      ].join("\n"),
    ]);
  });
});

describe("a reply too long to send whole", () => {
  it("is cut to the bounded number of messages, the last ending with the marker", async () => {
    harness = await startGateway({ imessage: open });
    // 200 KB echoed back is 50 messages at the default limit of 4000.
    harness.sim.injectInbound({ from: friend, text: "word ".repeat(40_000) });
    await harness.waitForSent(MAX_REPLY_CHUNKS, { timeoutMs: 30_000 });
    // Sends to one chat go in order: once the next reply is out, the long one sent all it will.
    harness.sim.injectInbound({ from: friend, text: "after" });
    const running = harness;
    await waitFor(
      () => running.sent().some((row) => row.text === "echo: after"),
      60_000,
      () => `no echo of the next message after ${running.sent().length} sends`,
    );
    const rows = running.sent();
    expect(rows.map((row) => row.text).indexOf("echo: after")).toBe(MAX_REPLY_CHUNKS);
    expect(rows[0]?.text.startsWith("echo: word word")).toBe(true);
    expect(rows[MAX_REPLY_CHUNKS - 1]?.text.endsWith(`\n${REPLY_CUT_MARKER}`)).toBe(true);
    // A length in characters, not a time: every message fits the default chunk limit.
    for (const row of rows) expect(row.text.length).toBeLessThanOrEqual(IMESSAGE_DEFAULTS.textChunkLimit);
  });
});
