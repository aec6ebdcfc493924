import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LEGACY_IMSG_ENV } from "../imsg-sim/sim-db.ts";
import { type GatewayHarness, settle, startGateway } from "./gateway-harness.ts";

let gateway: GatewayHarness | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

describe("pinch gateway: direct messages", () => {
  it("answers an allowlisted sender in the same chat", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "allowlist", allowFrom: ["+1 (555) 555-0123"] } });
    const { chatId } = gateway.sim.injectInbound({ from: "+15555550123", text: "hello" });
    const [reply] = await gateway.waitForSent(1);
    expect(reply?.text).toBe("echo: hello");
    expect(reply?.chatId).toBe(chatId);
  });

  it("matches an allowlisted email case-insensitively", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "allowlist", allowFrom: ["Friend@Example.com"] } });
    gateway.sim.injectInbound({ from: "friend@example.COM", text: "hi" });
    expect((await gateway.waitForSent(1))[0]?.text).toBe("echo: hi");
  });

  it("never answers its own echo", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "open", allowFrom: ["*"] } });
    gateway.sim.injectInbound({ from: "+15555550123", text: "ping" });
    await gateway.waitForSent(1);
    await settle(400);
    expect(gateway.sent().map((row) => row.text)).toEqual(["echo: ping"]);
  });

  it("does not answer a message again after a restart", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "open", allowFrom: ["*"] } });
    gateway.sim.injectInbound({ from: "+15555550123", text: "once" });
    await gateway.waitForSent(1);
    expect(await gateway.stop()).toBe(0);
    await gateway.restart();
    gateway.sim.injectInbound({ from: "+15555550123", text: "twice" });
    await gateway.waitForSent(2);
    await settle(300);
    expect(gateway.sent().map((row) => row.text)).toEqual(["echo: once", "echo: twice"]);
  });

  it("answers messages that arrived while it was stopped", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "open", allowFrom: ["*"] } });
    gateway.sim.injectInbound({ from: "+15555550123", text: "before" });
    await gateway.waitForSent(1);
    await gateway.stop();
    gateway.sim.injectInbound({ from: "+15555550123", text: "while down" });
    await gateway.restart();
    const sent = await gateway.waitForSent(2);
    expect(sent.map((row) => row.text)).toEqual(["echo: before", "echo: while down"]);
  });

  it.each([
    { imsg: "protocol 1", env: {} },
    { imsg: "0.9", env: LEGACY_IMSG_ENV },
  ])("keeps per-chat order under a burst from one sender, with imsg $imsg", async ({ env }) => {
    gateway = await startGateway({ imessage: { dmPolicy: "open", allowFrom: ["*"] }, env });
    const texts = Array.from({ length: 50 }, (_, index) => `m${index}`);
    gateway.sim.batch(() => {
      for (const text of texts) gateway?.sim.injectInbound({ from: "+15555550123", text });
    });
    const sent = await gateway.waitForSent(50, { timeoutMs: 10_000 });
    expect(sent.map((row) => row.text)).toEqual(texts.map((text) => `echo: ${text}`));
  });

  it("drops DMs when dmPolicy is disabled", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "disabled" } });
    gateway.sim.injectInbound({ from: "+15555550123", text: "anyone?" });
    await settle();
    expect(gateway.sent()).toHaveLength(0);
  });

  it("open without a wildcard admits only the listed senders", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "allowlist", allowFrom: ["+15555550123"] } });
    gateway.sim.injectInbound({ from: "+15555550999", text: "stranger" });
    gateway.sim.injectInbound({ from: "+15555550123", text: "friend" });
    const sent = await gateway.waitForSent(1);
    await settle();
    expect(gateway.sent().map((row) => row.text)).toEqual(["echo: friend"]);
    expect(sent[0]?.text).toBe("echo: friend");
  });

  it("prefixes and chunks a long reply", async () => {
    gateway = await startGateway({
      imessage: { dmPolicy: "open", allowFrom: ["*"], textChunkLimit: 100 },
      extra: { messages: { responsePrefix: "🦞" } },
    });
    const long = "word ".repeat(60).trim();
    gateway.sim.injectInbound({ from: "+15555550123", text: long });
    const sent = await gateway.waitForSent(4);
    expect(sent.every((row) => row.text.length <= 100)).toBe(true);
    expect(sent[0]?.text.startsWith("🦞 echo: word")).toBe(true);
  });

  it("answers the owner in a self-chat once, and not its own reply", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "allowlist", allowFrom: ["+15555550123"] } });
    gateway.sim.injectSelfChat({ text: "note to self" });
    // The owner's own sent copy is an is_from_me row too; then the reply.
    await gateway.waitForSent(2);
    await settle(500);
    const replies = gateway.sent().filter((row) => row.text.startsWith("echo:"));
    expect(replies.map((row) => row.text)).toEqual(["echo: note to self"]);
  });

  it("treats a hostile sender handle as data and keeps answering others", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "pairing", allowFrom: ["+15555550123"] } });
    const marker = join(gateway.dir, "pwned");
    gateway.sim.injectInbound({ from: `$(touch ${marker})`, text: "hi" });
    gateway.sim.injectInbound({ from: "+15555550123", text: "still there?" });
    const sent = await gateway.waitForSent(2);
    expect(sent.map((row) => row.text)).toContain("echo: still there?");
    expect(existsSync(marker)).toBe(false);
  });

  it("answers a 1 MB message without crashing, in at most 20 chunks, the last saying it was cut", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "open", allowFrom: ["*"] } });
    gateway.sim.injectInbound({ from: "+15555550123", text: "a ".repeat(500_000) });
    const sent = await gateway.waitForSent(20, { timeoutMs: 20_000 });
    expect(sent.every((row) => row.text.length <= 4000)).toBe(true);
    expect(sent.at(-1)?.text.endsWith("(reply cut)")).toBe(true);
    await settle(500);
    expect(gateway.sent()).toHaveLength(20);
  });

  for (const chunkMode of ["length", "newline"] as const) {
    it(`sends a 9,000-character reply in ${chunkMode} mode as chunks within the limit, in order`, async () => {
      gateway = await startGateway({ imessage: { dmPolicy: "open", allowFrom: ["*"], chunkMode } });
      const paragraph = `${"lobster ".repeat(124)}end`;
      const text = Array.from({ length: 9 }, (_, index) => `${index} ${paragraph}`).join("\n\n");
      gateway.sim.injectInbound({ from: "+15555550123", text });
      const sent = await gateway.waitForSent(chunkMode === "newline" ? 9 : 3);
      await settle(200);
      const chunks = gateway.sent().map((row) => row.text);
      expect(chunks.every((chunk) => chunk.length <= 4000 && chunk.trim() !== "")).toBe(true);
      expect(chunks.join(" ").replace(/\s+/g, " ")).toBe(`echo: ${text}`.replace(/\s+/g, " "));
      if (chunkMode === "newline") expect(chunks).toHaveLength(9);
      expect(sent.length).toBeGreaterThan(1);
    });
  }
});
