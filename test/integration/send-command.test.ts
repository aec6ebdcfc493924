import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { imsgShimPath, SimDb } from "../imsg-sim/sim-db.ts";
import { PINCH_BIN } from "./gateway-harness.ts";

const sims: SimDb[] = [];
afterEach(() => {
  for (const sim of sims.splice(0)) sim.close();
});

function simulator(): SimDb {
  const sim = SimDb.create();
  sims.push(sim);
  return sim;
}

/** `pinch send …` against a config whose accounts all use `sim`. */
function send(sim: SimDb, imessage: Record<string, unknown>, args: string[], env: NodeJS.ProcessEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), "pinch-send-"));
  const configPath = join(dir, "pinch.json5");
  writeFileSync(
    configPath,
    JSON.stringify({ channels: { imessage: { cliPath: imsgShimPath(), dbPath: sim.path, ...imessage } } }),
  );
  const result = spawnSync(process.execPath, [PINCH_BIN, "send", ...args, "--config", configPath], {
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

describe("pinch send", () => {
  it("sends to a phone number over SMS when the account's service is sms", () => {
    const sim = simulator();
    const result = send(sim, { service: "sms" }, ["(555) 555-0142", "running late"]);
    expect(result.out).toContain("Sent to (555) 555-0142 from account default.");
    expect(result.code).toBe(0);
    const [sent] = sim.sentMessages();
    expect(sent).toMatchObject({ text: "running late", handle: "+15555550142", service: "SMS" });
  });

  it("reads a number without its country code in the terminal's locale, and the config's region over it", () => {
    const sim = simulator();
    expect(send(sim, {}, ["07400 123456", "from London"], { LANG: "en_GB.UTF-8" }).code).toBe(0);
    expect(send(sim, { region: "DE" }, ["0151 23456789", "aus Berlin"], { LANG: "en_GB.UTF-8" }).code).toBe(
      0,
    );
    expect(sim.sentMessages().map((row) => row.handle)).toEqual(["+447400123456", "+4915123456789"]);
  });

  it("sends over iMessage by default, and a target's own sms: prefix wins over the account", () => {
    const sim = simulator();
    expect(send(sim, {}, ["+15555550143", "hello"]).code).toBe(0);
    expect(send(sim, { service: "imessage" }, ["sms:+15555550144", "hi by text"]).code).toBe(0);
    expect(sim.sentMessages().map((row) => [row.handle, row.service])).toEqual([
      ["+15555550143", "iMessage"],
      ["+15555550144", "SMS"],
    ]);
  });

  it("never forces SMS onto an email address, and refuses an sms: email target", () => {
    const sim = simulator();
    expect(send(sim, { service: "sms" }, ["Bob@Example.com", "hi"]).code).toBe(0);
    expect(sim.sentMessages()[0]).toMatchObject({ handle: "bob@example.com", service: "iMessage" });
    const refused = send(sim, {}, ["sms:bob@example.com", "hi"]);
    expect(refused.code).toBe(2);
    expect(refused.out).toContain("SMS cannot reach an email address");
    expect(sim.sentMessages()).toHaveLength(1);
  });

  it("sends to a chat by chat_id, in the account's chunks", () => {
    const sim = simulator();
    const group = sim.group({ participants: ["+15555550145", "+15555550146"], displayName: "Team" });
    const result = send(sim, { textChunkLimit: 10 }, [`chat_id:${group.id}`, "one two three four five"]);
    expect(result.out).toContain("Sent in 3 messages");
    expect(sim.sentMessages().map((row) => [row.chatId, row.text])).toEqual([
      [group.id, "one two"],
      [group.id, "three four"],
      [group.id, "five"],
    ]);
  });

  it("uses the named account's imsg and settings", () => {
    const sim = simulator();
    const other = simulator();
    const result = send(
      sim,
      { accounts: { work: { dbPath: other.path, service: "sms" } }, defaultAccount: "work" },
      ["--account", "work", "+15555550147", "from work"],
    );
    expect(result.code).toBe(0);
    expect(sim.sentMessages()).toHaveLength(0);
    expect(other.sentMessages()[0]).toMatchObject({ text: "from work", service: "SMS" });
  });

  it("refuses a bare name, a wildcard and an unknown account with exit 2, sending nothing", () => {
    const sim = simulator();
    const name = send(sim, {}, ["Bob", "hi"]);
    expect(name.code).toBe(2);
    expect(name.out).toContain("is not a delivery target");
    expect(send(sim, {}, ["*", "hi"]).out).toContain("not a delivery target");
    const account = send(sim, {}, ["--account", "nope", "+15555550148", "hi"]);
    expect(account.code).toBe(2);
    expect(account.out).toContain('no account "nope"');
    expect(sim.sentMessages()).toHaveLength(0);
  });

  it("reports a dead imsg with exit 1", () => {
    const sim = simulator();
    const result = send(sim, { cliPath: "/nonexistent/imsg" }, ["+15555550149", "hi"]);
    expect(result.code).toBe(1);
    expect(result.out).toContain("imsg did not send the message");
  });
});
