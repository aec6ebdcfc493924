import { describe, expect, it } from "vitest";
import { describeConfigError } from "../../../app/config/config-errors.ts";
import { validateConfig } from "../../../app/config/validate-config.ts";

/** Every key of the seed's configuration reference and the spec's §3, set at once. */
const everyKey = {
  channels: {
    imessage: {
      enabled: true,
      cliPath: "~/.openclaw/scripts/imsg-ssh",
      dbPath: "/Users/bot/Library/Messages/chat.db",
      remoteHost: "bot@mac-mini.tailnet-1234.ts.net",
      service: "auto",
      region: "GB",
      dmPolicy: "pairing",
      allowFrom: ["+15555550123", "me@example.com", "chat_id:7"],
      groupPolicy: "allowlist",
      groupAllowFrom: ["+15555550123"],
      groups: { "*": { requireMention: true, systemPrompt: "Be brief." }, "42": { requireMention: false } },
      historyLimit: 0,
      dmHistoryLimit: 20,
      dms: { "+15555550123": { historyLimit: 5 } },
      includeAttachments: true,
      attachmentRoots: ["~/Downloads/attachments"],
      remoteAttachmentRoots: ["/Volumes/Shared/Attachments"],
      mediaMaxMb: 8,
      textChunkLimit: 1200,
      chunkMode: "newline",
      configWrites: false,
      unpairedResponse: "silent",
      defaultAccount: "bot",
      accounts: {
        bot: {
          name: "Bot",
          enabled: true,
          cliPath: "/path/to/imsg-bot",
          dbPath: "/Users/bot2/Library/Messages/chat.db",
          historyLimit: 10,
        },
      },
    },
  },
  messages: { responsePrefix: "🦞 ", groupChat: { mentionPatterns: ["\\bclaw\\b"] } },
  agents: {
    defaults: { model: "anthropic/claude" },
    list: [
      {
        id: "main",
        default: true,
        name: "Main",
        identity: { name: "Claw", emoji: "🦞" },
        groupChat: { mentionPatterns: ["@claw"] },
        systemPrompt: "You are helpful.",
        model: { primary: "anthropic/claude", fallbacks: [] },
      },
    ],
  },
  commands: { config: true, ownerAllowFrom: ["+15555550123"] },
  session: { dmScope: "per-channel-peer" },
  models: { providers: { anthropic: { apiKey: "env:ANTHROPIC_API_KEY" } } },
};

function errorsOf(raw: unknown): string[] {
  const result = validateConfig(raw);
  return result.ok ? [] : result.errors.map(describeConfigError);
}

function imessage(keys: Record<string, unknown>): unknown {
  return { channels: { imessage: keys } };
}

describe("config schema", () => {
  it("accepts every key of the configuration reference", () => {
    expect(errorsOf(everyKey)).toEqual([]);
  });

  it("accepts an empty config", () => {
    expect(validateConfig({}).ok).toBe(true);
  });

  it("keeps keys it does not know at every level", () => {
    const raw = {
      gateway: { port: 18789 },
      channels: {
        telegram: { botToken: "x" },
        imessage: {
          markdown: { tables: "off" },
          groups: { "1": { tools: { deny: ["exec"] } } },
          accounts: { a: { heartbeat: {} } },
        },
      },
      agents: { list: [{ id: "main", workspace: "~/w" }] },
    };
    const result = validateConfig(raw);
    expect(result.ok && result.config).toEqual(raw);
  });

  it("reads numeric allowFrom entries as their text, as the reference does", () => {
    const result = validateConfig({
      ...(imessage({ allowFrom: [15555550123] }) as object),
      commands: { ownerAllowFrom: [42] },
    });
    expect(result.ok && result.config.channels?.imessage?.allowFrom).toEqual(["15555550123"]);
    expect(result.ok && result.config.commands?.ownerAllowFrom).toEqual(["42"]);
  });

  it("names the key and the expected type for a wrong type", () => {
    expect(errorsOf(imessage({ textChunkLimit: "big" }))).toEqual([
      'channels.imessage.textChunkLimit: expected a number, got "big"',
    ]);
  });

  it("lists the accepted values for an unknown dmPolicy", () => {
    expect(errorsOf(imessage({ dmPolicy: "sometimes" }))).toEqual([
      'channels.imessage.dmPolicy: expected one of "pairing", "allowlist", "open", "disabled", got "sometimes"',
    ]);
  });

  it("names the account in the key path of an error inside accounts", () => {
    expect(errorsOf(imessage({ accounts: { bot: { groupPolicy: "some" } } }))).toEqual([
      'channels.imessage.accounts.bot.groupPolicy: expected one of "open", "allowlist", "disabled", got "some"',
    ]);
  });

  it("quotes keys that are not plain words in the key path", () => {
    expect(errorsOf(imessage({ dms: { "me@example.com": { historyLimit: -1 } } }))).toEqual([
      'channels.imessage.dms["me@example.com"].historyLimit: expected at least 0, got -1',
    ]);
  });

  it("refuses a textChunkLimit below 1", () => {
    expect(errorsOf(imessage({ textChunkLimit: 0 }))).toEqual([
      "channels.imessage.textChunkLimit: expected at least 1, got 0",
    ]);
  });

  it("refuses a mediaMaxMb of 0", () => {
    expect(errorsOf(imessage({ mediaMaxMb: 0 }))).toEqual([
      "channels.imessage.mediaMaxMb: expected more than 0, got 0",
    ]);
  });

  it("refuses a fractional historyLimit", () => {
    expect(errorsOf(imessage({ historyLimit: 2.5 }))).toEqual([
      "channels.imessage.historyLimit: expected a whole number, got 2.5",
    ]);
  });

  it("accepts a historyLimit of 0, which disables group context", () => {
    expect(errorsOf(imessage({ historyLimit: 0 }))).toEqual([]);
  });

  it("refuses an unknown session.dmScope", () => {
    expect(errorsOf({ session: { dmScope: "shared" } })[0]).toMatch(
      /^session\.dmScope: expected one of "main"/,
    );
  });

  it("refuses an agent without an id", () => {
    expect(errorsOf({ agents: { list: [{ name: "x" }] } })).toEqual([
      "agents.list[0].id: is required (expected a string)",
    ]);
  });

  it("refuses a relative attachment root", () => {
    expect(errorsOf(imessage({ attachmentRoots: ["Downloads"] }))[0]).toMatch(
      /^channels\.imessage\.attachmentRoots\[0\]: expected an absolute path/,
    );
  });

  it("refuses a top level that is not an object", () => {
    expect(errorsOf([1, 2])).toEqual(["expected an object, got a list"]);
  });

  describe("remoteHost, which ends up on an scp command line", () => {
    it.each([
      "-oProxyCommand=x",
      "a b",
      "user@-oProxyCommand=x",
      "host;rm -rf ~",
      "$(id)",
      "user@host:/path",
      "",
    ])("refuses %j", (remoteHost) => {
      expect(errorsOf(imessage({ remoteHost }))[0]).toMatch(
        /^channels\.imessage\.remoteHost: expected "host" or "user@host"/,
      );
    });

    it.each(["mac-mini", "bot@mac-mini.tailnet-1234.ts.net", "dna@192.168.64.3", "first.last@host_1"])(
      "accepts %j",
      (remoteHost) => {
        expect(errorsOf(imessage({ remoteHost }))).toEqual([]);
      },
    );
  });
});
