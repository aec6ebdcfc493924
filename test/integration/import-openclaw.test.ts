import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import JSON5 from "json5";
import { afterEach, describe, expect, it } from "vitest";
import { type GatewayHarness, PINCH_BIN, startGateway } from "./gateway-harness.ts";
import { copyOpenclawHome, onSimulator } from "./openclaw-home.ts";

let gateway: GatewayHarness | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

function pinchIn(dir: string) {
  const configPath = path.join(dir, "pinch.json5");
  const stateDir = path.join(dir, "state");
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const result = spawnSync(
      process.execPath,
      [PINCH_BIN, ...args, "--config", configPath, "--state-dir", stateDir],
      { encoding: "utf8", env: { ...process.env, OPENCLAW_STATE_DIR: "", OPENCLAW_HOME: "", ...env } },
    );
    return { code: result.status, out: result.stdout, err: result.stderr };
  };
  return { configPath, stateDir, run };
}

const pinchDir = () => mkdtempSync(path.join(tmpdir(), "pinch-import-"));
const readJson5 = (file: string) => JSON5.parse(readFileSync(file, "utf8")) as Record<string, any>;
const approvedSenders = (stateDir: string, account: string) =>
  (
    JSON.parse(readFileSync(path.join(stateDir, "imessage", account, "pairing.json"), "utf8")) as {
      approved: { sender: string }[];
    }
  ).approved.map((entry) => entry.sender);

describe("pinch import openclaw", () => {
  it("finds OpenClaw in the home directory and, as a dry run, prints what it would write and writes nothing", () => {
    const openclaw = copyOpenclawHome();
    const pinch = pinchIn(pinchDir());
    const result = pinch.run(["import", "openclaw"], { HOME: openclaw.home });
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toContain(`Importing from OpenClaw: ${openclaw.dir}`);
    expect(result.out).toContain('set  channels.imessage.dmPolicy = "pairing"');
    expect(result.out).toContain(
      'set  channels.imessage.accounts.personal.groups["*"].requireMention = true',
    );
    expect(result.out).toContain(
      'set  channels.imessage.accounts.personal.groupAllowFrom = ["+15555550123","chat_id:101","chatid:102","chat:103"]',
    );
    expect(result.out).toContain('set  messages.responsePrefix = "auto"');
    expect(result.out).toContain("set  commands.config = true");
    expect(result.out).toMatch(
      /set {2}models\.providers\.anthropic\.apiKey = "env:ANTHROPIC_API_KEY" {2}\(the key written in openclaw\.json is not copied/,
    );
    expect(result.out).toMatch(/left out, not supported by Pinch: gateway, agents\.defaults\.workspace, /);
    expect(result.out).toContain("channels.telegram");
    expect(result.out).toContain(
      `personal: +15555550142, robin@example.com, +15555550123  → ${path.join(pinch.stateDir, "imessage", "personal", "pairing.json")}`,
    );
    expect(result.out).toContain("bot: +15555550161, +15555550162  →");
    expect(result.out).toContain("skipped chat_id:7: an approval names a sender");
    expect(result.out).toContain("1 pending pairing request(s) not imported");
    expect(result.out).toContain("Dry run: nothing was written. Run again with --apply to write it.");
    // No secret of the reference's file is printed.
    expect(result.out).not.toMatch(
      /not-a-real-anthropic-key|not-a-real-telegram-token|not-a-real-gateway-token/,
    );
    expect(existsSync(pinch.configPath)).toBe(false);
    expect(existsSync(pinch.stateDir)).toBe(false);
  });

  it("--apply merges into Pinch's config without dropping its keys, approves the senders, and a second run writes nothing", () => {
    const openclaw = copyOpenclawHome();
    const pinch = pinchIn(pinchDir());
    writeFileSync(
      pinch.configPath,
      JSON.stringify({
        agents: { defaults: { failureReply: "Back soon." } },
        commands: { ownerAllowFrom: ["+15555550100"] },
        session: { dmScope: "per-peer" },
      }),
    );
    const applied = pinch.run(["import", "openclaw", "--from", openclaw.dir, "--apply"]);
    expect(applied.err).toBe("");
    expect(applied.code).toBe(0);
    expect(applied.out).toContain(
      'kept session.dmScope = "per-peer"  (Pinch\'s value; OpenClaw has "per-channel-peer")',
    );
    expect(applied.out).toContain('adds "imessage:+15555550123" to Pinch\'s list');
    expect(applied.out).toMatch(/Written\.\n$/);

    const config = readJson5(pinch.configPath);
    expect(config.agents.defaults.failureReply).toBe("Back soon.");
    expect(config.agents.defaults.model).toEqual({
      primary: "anthropic/claude-sonnet-4-5",
      fallbacks: ["ollama/llama3.2"],
    });
    expect(config.session).toEqual({ dmScope: "per-peer" });
    expect(config.commands).toEqual({
      config: true,
      ownerAllowFrom: ["+15555550100", "imessage:+15555550123"],
    });
    expect(config.models.providers.anthropic).toEqual({ apiKey: "env:ANTHROPIC_API_KEY" });
    expect(config.models.providers.openai).toEqual({ apiKey: "env:OPENAI_API_KEY" });
    expect(config.channels.imessage.accounts.bot.groups).toEqual({ 202: { requireMention: true } });
    expect(config.gateway).toBeUndefined();
    expect(config.channels.telegram).toBeUndefined();
    const text = readFileSync(pinch.configPath, "utf8");
    expect(text).not.toMatch(/not-a-real-anthropic-key|not-a-real-telegram-token|not-a-real-gateway-token/);
    expect(statSync(pinch.configPath).mode & 0o777).toBe(0o600);
    expect(approvedSenders(pinch.stateDir, "personal")).toEqual([
      "+15555550142",
      "robin@example.com",
      "+15555550123",
    ]);
    expect(approvedSenders(pinch.stateDir, "bot")).toEqual(["+15555550161", "+15555550162"]);

    const pairingFile = path.join(pinch.stateDir, "imessage", "bot", "pairing.json");
    const before = { config: text, pairing: readFileSync(pairingFile, "utf8") };
    const again = pinch.run(["import", "openclaw", "--from", openclaw.dir, "--apply"]);
    expect(again.code).toBe(0);
    expect(again.out).toContain("bot: nothing new (2 already approved)");
    expect(again.out).toMatch(/Nothing to write: Pinch already has all of it\.\n$/);
    expect(readFileSync(pinch.configPath, "utf8")).toBe(before.config);
    expect(readFileSync(pairingFile, "utf8")).toBe(before.pairing);
  });

  it("reads an approved number written without its country code in the terminal's locale", () => {
    const openclaw = copyOpenclawHome();
    writeFileSync(
      path.join(openclaw.dir, "credentials", "imessage-personal-allowFrom.json"),
      JSON.stringify({ version: 1, allowFrom: ["07400 123456"] }),
    );
    const pinch = pinchIn(pinchDir());
    const applied = pinch.run(["import", "openclaw", "--from", openclaw.dir, "--apply"], {
      LANG: "en_GB.UTF-8",
    });
    expect(applied.code).toBe(0);
    expect(approvedSenders(pinch.stateDir, "personal")).toEqual(["+447400123456"]);
  });

  it("refuses a directory that holds no OpenClaw state, naming it", () => {
    const empty = pinchDir();
    const pinch = pinchIn(pinchDir());
    const result = pinch.run(["import", "openclaw", "--from", empty, "--apply"]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${empty} holds no OpenClaw state`);
    expect(result.err).toContain("--from DIR");
    expect(existsSync(pinch.configPath)).toBe(false);
  });

  it("writes nothing when Pinch would refuse the merged config, and says why", () => {
    const openclaw = copyOpenclawHome();
    const pinch = pinchIn(pinchDir());
    // Pinch's own config already reads the database the personal account names: two accounts on one database.
    writeFileSync(
      pinch.configPath,
      JSON.stringify({
        channels: {
          imessage: {
            accounts: { work: { dbPath: "/Users/sam/Library/Messages/chat.db", dmPolicy: "pairing" } },
          },
        },
      }),
    );
    const result = pinch.run(["import", "openclaw", "--from", openclaw.dir, "--apply"]);
    expect(result.code).toBe(1);
    expect(result.out).toContain("Nothing was written: Pinch would refuse the merged config:");
    expect(result.out).toContain("both read /Users/sam/Library/Messages/chat.db");
    expect(existsSync(pinch.stateDir)).toBe(false);
  });

  it("after an import the gateway answers OpenClaw's approved senders without a pairing code; a stranger still gets one", async () => {
    const openclaw = copyOpenclawHome();
    const macs = onSimulator(openclaw);
    const pinch = pinchIn(pinchDir());
    const applied = pinch.run(["import", "openclaw", "--from", openclaw.dir, "--apply"]);
    expect(applied.code).toBe(0);
    // The echo agent answers: no model is asked in this test.
    const config = readJson5(pinch.configPath);
    delete config.agents.defaults.model;
    writeFileSync(pinch.configPath, JSON.stringify(config, null, 2));

    gateway = await startGateway({
      sim: macs.personal,
      configPath: pinch.configPath,
      stateDir: pinch.stateDir,
    });
    const start = { personal: macs.personal.maxRowid(), bot: macs.bot.maxRowid() };
    macs.personal.injectInbound({ from: "robin@example.com", text: "hello from robin" });
    macs.bot.injectInbound({ from: "+15555550162", text: "hello from the bot's friend" });
    macs.personal.injectInbound({ from: "+15555550199", text: "who is this" });
    const sentOn = async (sim: typeof macs.personal, since: number, count: number) => {
      // Generous: on a loaded two-core runner two gateways' imsg children start slowly.
      const deadline = Date.now() + 60_000;
      for (;;) {
        const rows = sim.sentMessages({ sinceRowid: since });
        if (rows.length >= count) return rows.map((row) => row.text);
        if (Date.now() > deadline) throw new Error(`sent: ${JSON.stringify(rows)}\n${gateway?.logs()}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const personal = await sentOn(macs.personal, start.personal, 2);
    const robin = personal.find((text) => text.includes("hello from robin"));
    expect(robin).toBeDefined();
    expect(robin).not.toMatch(/Pairing code/);
    expect(personal.find((text) => /Pairing code: [A-Z2-9]{8}/.test(text))).toContain("+15555550199");
    const [bot] = await sentOn(macs.bot, start.bot, 1);
    expect(bot).toContain("hello from the bot's friend");
    expect(bot).not.toMatch(/Pairing code/);
  }, 120_000);
});
