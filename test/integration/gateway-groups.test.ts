import { afterEach, describe, expect, it } from "vitest";
import { type GatewayHarness, settle, startGateway } from "./gateway-harness.ts";

let gateway: GatewayHarness | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

const friend = "+15555550123";
const other = "+15555550999";
/** Matches `text` as written. */
const literal = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
const mentions = { messages: { groupChat: { mentionPatterns: ["\\bpinch\\b", "(broken"] } } };

describe("pinch gateway: groups", () => {
  it("answers a mentioned allowlisted sender and keeps quiet otherwise", async () => {
    gateway = await startGateway({ imessage: { groupAllowFrom: [friend] }, extra: mentions });
    const chat = gateway.sim.group({ participants: [friend, other], displayName: "Family" });
    gateway.sim.injectInbound({ from: friend, chat, text: "no mention here" });
    gateway.sim.injectInbound({ from: other, chat, text: "pinch, hi from a stranger" });
    gateway.sim.injectInbound({ from: friend, chat, text: "Pinch what time is it" });
    const sent = await gateway.waitForSent(1, { chatId: chat.id });
    await settle();
    expect(gateway.sent().map((row) => row.text)).toEqual(["echo: Pinch what time is it"]);
    expect(sent[0]?.chatId).toBe(chat.id);
    await gateway.waitForLog(/ignoring an invalid mention pattern/);
  });

  it("answers without a mention when requireMention is false for that chat", async () => {
    gateway = await startGateway({ imessage: { groupPolicy: "open" }, extra: mentions });
    const chat = gateway.sim.group({ participants: [friend, other] });
    await gateway.stop();
    gateway.editConfig((config) => {
      config.channels.imessage.groups = { [String(chat.id)]: { requireMention: false } };
    });
    await gateway.restart();
    gateway.sim.injectInbound({ from: other, chat, text: "anyone" });
    expect((await gateway.waitForSent(1))[0]?.text).toBe("echo: anyone");
  });

  it("an explicit empty groupAllowFrom blocks every group sender", async () => {
    gateway = await startGateway({ imessage: { allowFrom: [friend], groupAllowFrom: [] }, extra: mentions });
    const chat = gateway.sim.group({ participants: [friend, other] });
    gateway.sim.injectInbound({ from: friend, chat, text: "pinch hello" });
    await settle();
    expect(gateway.sent()).toHaveLength(0);
  });

  it("an absent groupAllowFrom falls back to allowFrom", async () => {
    gateway = await startGateway({ imessage: { allowFrom: [friend] }, extra: mentions });
    const chat = gateway.sim.group({ participants: [friend, other] });
    gateway.sim.injectInbound({ from: friend, chat, text: "pinch hello" });
    expect((await gateway.waitForSent(1))[0]?.text).toBe("echo: pinch hello");
  });

  it('a groups map without "*" admits only the listed chats', async () => {
    gateway = await startGateway({
      imessage: { groupPolicy: "allowlist", groupAllowFrom: [friend] },
      extra: mentions,
    });
    const listed = gateway.sim.group({ participants: [friend, other] });
    const unlisted = gateway.sim.group({ participants: [friend] });
    await gateway.stop();
    gateway.editConfig((config) => {
      config.channels.imessage.groups = { [String(listed.id)]: { requireMention: true } };
    });
    await gateway.restart();
    gateway.sim.injectInbound({ from: friend, chat: unlisted, text: "pinch here?" });
    gateway.sim.injectInbound({ from: friend, chat: listed, text: "pinch there?" });
    await gateway.waitForSent(1);
    await settle();
    expect(gateway.sent().map((row) => row.text)).toEqual(["echo: pinch there?"]);
  });

  it('under groupPolicy "open", a groups map without "*" is the list of chats answered', async () => {
    gateway = await startGateway({ imessage: { groupPolicy: "open" }, extra: mentions });
    const listed = gateway.sim.group({ participants: [friend, other] });
    const unlisted = gateway.sim.group({ participants: [other, friend] });
    gateway.editConfig((config) => {
      config.channels.imessage.groups = { [String(listed.id)]: { requireMention: true } };
    });
    await gateway.waitForLog(/config reloaded/);
    gateway.sim.injectInbound({ from: other, chat: unlisted, text: "pinch, are you here?" });
    await gateway.waitForLog(literal(`reason=group-not-listed fix="add \\"${unlisted.id}\\" (or \\"*\\")`));
    gateway.sim.injectInbound({ from: other, chat: listed, text: "pinch, and here?" });
    await gateway.waitForSent(1);
    gateway.editConfig((config) => {
      config.channels.imessage.groups["*"] = { requireMention: true };
    });
    await gateway.waitForLog(/config reloaded[\s\S]*config reloaded/);
    gateway.sim.injectInbound({ from: other, chat: unlisted, text: "pinch, now?" });
    await gateway.waitForSent(2);
    expect(gateway.sent().map((row) => [row.chatId, row.text])).toEqual([
      [listed.id, "echo: pinch, and here?"],
      [unlisted.id, "echo: pinch, now?"],
    ]);
  });

  it("with requireMention and no usable mention pattern, answers and says why, once per chat", async () => {
    gateway = await startGateway({
      imessage: { groupPolicy: "open" },
      extra: { messages: { groupChat: { mentionPatterns: [] } } },
    });
    const chat = gateway.sim.group({ participants: [friend, other] });
    gateway.sim.injectInbound({ from: other, chat, text: "dinner at 7?" });
    gateway.sim.injectInbound({ from: friend, chat, text: "works for me" });
    const sent = await gateway.waitForSent(2);
    expect(sent.map((row) => row.text)).toEqual(["echo: dinner at 7?", "echo: works for me"]);
    const warnings = gateway.logs().match(/answering although a gate cannot be enforced/g) ?? [];
    expect(warnings).toHaveLength(1);
    expect(gateway.logs()).toMatch(/mention-gate-unenforceable.*no mention pattern is usable/);
  });

  it("drops every group message when groupPolicy is disabled", async () => {
    gateway = await startGateway({
      imessage: { groupPolicy: "disabled", allowFrom: [friend] },
      extra: mentions,
    });
    const chat = gateway.sim.group({ participants: [friend, other] });
    gateway.sim.injectInbound({ from: friend, chat, text: "pinch?" });
    await settle();
    expect(gateway.sent()).toHaveLength(0);
  });
});
