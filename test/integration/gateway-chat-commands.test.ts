/**
 * Chat commands through `pinch gateway` with a model on a fake provider: who may run them in a
 * group, the reference's `/config` forms, and answers sent exactly as written with no secret in them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import JSON5 from "json5";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { conversationOf, FakeLlmServer } from "../fake-llm/fake-llm-server.ts";
import { providerConfig } from "../fake-llm/model-gateway.ts";
import { type GatewayHarness, settle, startGateway, waitFor } from "./gateway-harness.ts";

const owner = "+15555550100";
const member = "+15555550123";
// Built here so no key-shaped literal is kept in the repository.
const providerKey = ["fake", "provider", "key", "71c3"].join("-");

let fake: FakeLlmServer;
let gateway: GatewayHarness | undefined;
beforeEach(async () => {
  fake = await FakeLlmServer.start();
});
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
  await fake.close();
});

function start(imessage: Record<string, unknown> = {}): Promise<GatewayHarness> {
  return startGateway({
    imessage: { dmPolicy: "allowlist", allowFrom: [owner, member], groupPolicy: "open", ...imessage },
    extra: {
      ...providerConfig({ baseUrl: fake.baseUrl, api: "openai-completions", apiKey: providerKey }),
      commands: { config: true, ownerAllowFrom: [owner] },
    },
  });
}

async function requests(count: number) {
  await waitFor(
    () => fake.requests.length >= count,
    10_000,
    () => `expected ${count} model requests, got ${fake.requests.length}`,
  );
  return fake.requests.map(conversationOf);
}

describe("pinch gateway: chat commands", () => {
  it("drops a member's /reset in a group and logs why; the group's conversation goes on", async () => {
    gateway = await start({ groups: { "*": { requireMention: false } } });
    const chat = gateway.sim.group({ participants: [owner, member] });
    gateway.sim.injectInbound({ from: member, chat, text: "remember the number 7" });
    await gateway.waitForSent(1);
    gateway.sim.injectInbound({ from: member, chat, text: "/reset" });
    gateway.sim.injectInbound({
      from: member,
      chat,
      text: "/config set channels.imessage.groupPolicy=disabled",
    });
    gateway.sim.injectInbound({ from: member, chat, text: "which number?" });
    await gateway.waitForSent(2);

    expect(gateway.sent().map((row) => row.text)).not.toContain("Started a new conversation.");
    expect(gateway.logs()).toContain(
      'reason=command-not-owner fix="only an owner may run /reset in a group: add the sender to commands.ownerAllowFrom"',
    );
    expect(gateway.logs()).toContain("only an owner may run /config in a group");
    expect(JSON5.parse(readFileSync(gateway.configPath, "utf8")).channels.imessage.groupPolicy).toBe("open");
    // The second question is asked with the first exchange still in the group's session.
    const [, second] = await requests(2);
    expect(second?.messages.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
    // And on disk (sessions are written in the background).
    const sessions = join(gateway.stateDir, "agents", "main", "sessions");
    const stored = () => readdirSync(sessions).map((file) => readFileSync(join(sessions, file), "utf8"));
    await waitFor(
      () => stored().some((text) => text.includes("which number?")),
      10_000,
      () => `the group's session on disk: ${JSON.stringify(stored())}`,
    );
    expect(stored()[0]).toContain("remember the number 7");

    gateway.sim.injectInbound({ from: owner, chat, text: "/reset" });
    expect((await gateway.waitForSent(3))[2]?.text).toBe("Started a new conversation.");
    gateway.sim.injectInbound({ from: member, chat, text: "and now?" });
    await gateway.waitForSent(4);
    const [, , third] = await requests(3);
    expect(third?.messages.map((message) => message.role)).toEqual(["user"]);
  });

  it("sets a value in the reference's /config set path=value form", async () => {
    gateway = await start();
    gateway.sim.injectInbound({ from: owner, text: "/config set channels.imessage.textChunkLimit=2000" });
    expect((await gateway.waitForSent(1))[0]?.text).toBe("Set channels.imessage.textChunkLimit.");
    expect(JSON5.parse(readFileSync(gateway.configPath, "utf8")).channels.imessage.textChunkLimit).toBe(2000);
    gateway.sim.injectInbound({ from: owner, text: "/config set channels.imessage.textChunkLimit = lots" });
    expect((await gateway.waitForSent(2))[1]?.text).toMatch(/^Not changed: .*textChunkLimit/);
  });

  it("never runs its own reply as a command when the self-chat twin comes back minutes later", async () => {
    gateway = await start();
    const setCommand = "/config set channels.imessage.textChunkLimit=5";
    fake.script({ kind: "reply", text: setCommand }, { kind: "reply", text: "/new" });
    const { chat } = gateway.sim.injectSelfChat({ text: "what would you type to change the chunk limit?" });
    await gateway.waitForSent(2);
    gateway.sim.injectSelfChat({ text: "and to start over?" });
    expect((await gateway.waitForSent(4)).map((row) => row.text)).toEqual([
      "what would you type to change the chunk limit?",
      setCommand,
      "and to start over?",
      "/new",
    ]);
    const before = readFileSync(gateway.configPath, "utf8");
    // Messages writes the received twin of a self-chat send late, past any few-second echo window.
    await settle(31_000);
    for (const text of [setCommand, "/new"])
      gateway.sim.injectInbound({ from: gateway.sim.ownAddress, chat, text });
    gateway.sim.injectSelfChat({ text: "still there?" });
    await gateway.waitForSent(6);
    expect(
      gateway
        .sent()
        .map((row) => row.text)
        .slice(4),
    ).toEqual(["still there?", "reply: still there?"]);
    expect(readFileSync(gateway.configPath, "utf8")).toBe(before);
    expect(fake.requests).toHaveLength(3);
    // The session went on: the last question was asked with the earlier exchanges in it.
    expect((await requests(3))[2]?.messages.map((message) => message.role)).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
      "user",
    ]);
  }, 60_000);

  it("shows the config and one value exactly as written, never a secret", async () => {
    gateway = await start({ groups: { "*": { requireMention: true, systemPrompt: 'Say *hi* to ["*"]' } } });
    gateway.sim.injectInbound({
      from: owner,
      text: '/config get channels.imessage.groups["*"].systemPrompt',
    });
    expect((await gateway.waitForSent(1))[0]?.text).toBe(
      'channels.imessage.groups["*"].systemPrompt = "Say *hi* to [\\"*\\"]"',
    );
    gateway.sim.injectInbound({ from: owner, text: "/config get models.providers.fake.apiKey" });
    expect((await gateway.waitForSent(2))[1]?.text).toBe('models.providers.fake.apiKey = "[redacted]"');
    gateway.sim.injectInbound({ from: owner, text: "/config show" });
    const shown = (await gateway.waitForSent(3))[2]?.text ?? "";
    expect(JSON.parse(shown).channels.imessage.groupPolicy).toBe("open");
    expect(shown).toContain('"apiKey": "[redacted]"');
    expect(gateway.sent().some((row) => row.text.includes(providerKey))).toBe(false);

    gateway.sim.injectInbound({ from: member, text: "/config show" });
    expect((await gateway.waitForSent(4))[3]?.text).toBe("Only the owner can see the settings from chat.");
    gateway.sim.injectInbound({ from: owner, text: "/config get" });
    expect((await gateway.waitForSent(5))[4]?.text).toMatch(/^Usage: \/config show \[key\.path\]/);
    expect(fake.requests).toHaveLength(0);
  });
});
