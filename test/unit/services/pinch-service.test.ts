import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { eventChannels, invokeChannels } from "../../../app/ipc/channels.ts";
import { eventContract, invokeContract } from "../../../app/ipc/contract.ts";
import { echoAgent, type ServiceFixture, startService } from "./service-fixture.ts";

let fixture: ServiceFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe("the contract", () => {
  it("declares a schema for exactly the invoke channels, in order", () => {
    expect(Object.keys(invokeContract)).toEqual([...invokeChannels]);
  });

  it("declares a schema for exactly the event channels, in order", () => {
    expect(Object.keys(eventContract)).toEqual([...eventChannels]);
  });
});

describe("the service", () => {
  it("refuses a channel that is not in the contract", async () => {
    fixture = await startService();
    const result = await fixture.service.invoke("config.delete", {});
    expect(result).toEqual({
      ok: false,
      error: { code: "unknown-channel", message: 'There is no channel named "config.delete".' },
    });
  });

  it("refuses arguments of the wrong shape and names the field", async () => {
    fixture = await startService();
    const result = await fixture.service.invoke("pairing.approve", { accountId: "default", code: 42 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("invalid-args");
    expect(result.error.field).toBe("code");
  });

  it("refuses an account id that is a path on every pairing call, and writes nothing", async () => {
    fixture = await startService({ dmPolicy: "pairing" });
    const { stateDir } = fixture;
    const root = dirname(stateDir);
    const before = listTree(root);
    const accountId = "../../x";
    const calls: [string, Record<string, unknown>][] = [
      ["pairing.dismiss", { accountId, code: "ABCD2345" }],
      ["pairing.approve", { accountId, code: "ABCD2345", notify: false }],
      ["pairing.remove", { accountId, key: "+15555550123" }],
      ["chats.list", { accountId }],
    ];
    for (const [channel, args] of calls) {
      const result = await fixture.service.invoke(channel, args);
      expect(result, channel).toMatchObject({
        ok: false,
        error: { code: "invalid-args", field: "accountId" },
      });
    }
    expect(listTree(root)).toEqual(before);
    expect(existsSync(join(root, "x"))).toBe(false);
    expect(existsSync(join(stateDir, "x"))).toBe(false);
  });

  it("refuses unknown extra arguments on channels that take none", async () => {
    fixture = await startService();
    const result = await fixture.service.invoke("status.get", { evil: true });
    expect(result.ok).toBe(false);
  });

  it("answers status with each configured account", async () => {
    fixture = await startService({ dmPolicy: "pairing" });
    const result = await fixture.service.invoke("status.get", {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const status = invokeContract["status.get"].result.parse(result.data);
    expect(status.running).toBe(true);
    expect(status.accounts.map((account) => account.id)).toEqual(["default"]);
  });

  it("turns a thrown error into a sentence with the raw text as its detail, never a stack", async () => {
    fixture = await startService();
    // A chats.list through an imsg that does not exist fails inside the handler.
    await fixture.service.invoke("config.set", {
      keyPath: "channels.imessage.cliPath",
      value: "/nonexistent/imsg",
    });
    const result = await fixture.service.invoke("chats.list", { accountId: "default" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("internal");
    expect(result.error.message).toBe(
      "Pinch can't find imsg at /nonexistent/imsg. Install imsg or choose where it is.",
    );
    expect(result.error.action).toBe("choose-imsg");
    expect(result.error.detail).toMatch(/ENOENT/);
    expect(result.error.detail).not.toMatch(/\bat .*\.ts:\d+/);
    expect(Object.keys(result.error)).toEqual(["code", "message", "detail", "action"]);
  });

  it("saves a valid edit through the core and refuses an invalid one with its key path", async () => {
    fixture = await startService();
    const good = await fixture.service.invoke("config.set", {
      keyPath: "channels.imessage.allowFrom",
      value: ["+15555550123"],
    });
    expect(good).toEqual({ ok: true, data: { changed: true } });
    const before = readFileSync(fixture.configPath, "utf8");
    const bad = await fixture.service.invoke("config.set", {
      keyPath: "channels.imessage.allowFrom",
      value: ["+15555550123", "not a number"],
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: "invalid-config", field: "channels.imessage.allowFrom[1]" },
    });
    expect(readFileSync(fixture.configPath, "utf8")).toBe(before);
  });

  it('refuses "*" in an allowlist, a broken mention pattern and an over-long system prompt', async () => {
    fixture = await startService({ dmPolicy: "allowlist", allowFrom: ["+15555550123"] });
    const before = readFileSync(fixture.configPath, "utf8");
    const star = await fixture.service.invoke("config.set", {
      keyPath: "channels.imessage.allowFrom",
      value: ["+15555550123", "*"],
    });
    expect(star).toMatchObject({ ok: false, error: { field: "channels.imessage.allowFrom[1]" } });
    const regex = await fixture.service.invoke("config.set", {
      keyPath: "messages.groupChat.mentionPatterns",
      value: ["(unclosed"],
    });
    expect(regex).toMatchObject({ ok: false, error: { field: "messages.groupChat.mentionPatterns[0]" } });
    const prompt = await fixture.service.invoke("config.set", {
      keyPath: 'channels.imessage.groups["*"].systemPrompt',
      value: "x".repeat(5000),
    });
    expect(prompt).toMatchObject({
      ok: false,
      error: { field: 'channels.imessage.groups["*"].systemPrompt' },
    });
    expect(readFileSync(fixture.configPath, "utf8")).toBe(before);
  });

  it("reads a number typed without its country code in the Mac's region when the config names none", async () => {
    fixture = await startService({}, echoAgent, { region: "GB" });
    const result = await fixture.service.invoke("handles.normalize", { entries: ["020 7946 0958"] });
    expect(result).toMatchObject({
      ok: true,
      data: { entries: [{ kind: "phone", normalized: "+442079460958" }] },
    });
    const accounts = await fixture.service.invoke("accounts.list", {});
    expect(accounts).toMatchObject({
      ok: true,
      data: { accounts: [{ region: "GB" }], defaults: { region: "GB" } },
    });
  });

  it("normalises allowlist entries to E.164 and flags invalid ones", async () => {
    fixture = await startService();
    const result = await fixture.service.invoke("handles.normalize", {
      entries: ["(555) 555-0123", "Me@Example.com", "chat_id:*", "chat_id:42"],
    });
    expect(result).toMatchObject({
      ok: true,
      data: {
        entries: [
          { kind: "phone", normalized: "+15555550123" },
          { kind: "email", normalized: "me@example.com" },
          { kind: "invalid" },
          { kind: "chat_id", normalized: "chat_id:42" },
        ],
      },
    });
  });
});

/** Every path under `dir`, sorted: what a refused call must leave as it was. */
function listTree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
}
