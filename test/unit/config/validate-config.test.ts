import { describe, expect, it } from "vitest";
import { type ConfigError, describeConfigError } from "../../../app/config/config-errors.ts";
import { validateConfig } from "../../../app/config/validate-config.ts";

const HOME = "/Users/someone";

function errorsOf(imessage: Record<string, unknown>): ConfigError[] {
  const result = validateConfig({ channels: { imessage } }, { homedir: HOME });
  return result.ok ? [] : result.errors;
}

function warningsOf(raw: unknown): ConfigError[] {
  const result = validateConfig(raw, { homedir: HOME });
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.warnings;
}

describe("the region setting", () => {
  it("accepts a two-letter country code in any case", () => {
    expect(errorsOf({ region: "gb", accounts: { bot: { region: "DE" } } })).toEqual([]);
  });

  it("refuses a region that is not a two-letter code, in words", () => {
    const [error] = errorsOf({ region: "United Kingdom" });
    expect(error).toMatchObject({
      path: "channels.imessage.region",
      message: expect.stringContaining("two-letter country code, like US, GB or DE"),
    });
  });

  it("refuses two letters that name no country, at the account that sets them", () => {
    const [error] = errorsOf({ accounts: { bot: { region: "XX" } } });
    expect(error).toMatchObject({ path: "channels.imessage.accounts.bot.region" });
    expect(error?.message).toContain('"XX" is not a country code');
  });
});

describe("cross-field rules", () => {
  it('refuses dmPolicy "allowlist" with no allowFrom entry', () => {
    const [error, ...rest] = errorsOf({ dmPolicy: "allowlist" });
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ path: "channels.imessage.allowFrom", accountId: "default" });
    expect(error?.message).toContain('dmPolicy "allowlist" needs at least one allowFrom entry');
  });

  it('accepts dmPolicy "allowlist" when the account inherits allowFrom from the root', () => {
    expect(errorsOf({ allowFrom: ["+15555550123"], accounts: { bot: { dmPolicy: "allowlist" } } })).toEqual(
      [],
    );
  });

  it('refuses dmPolicy "open" without "*" in allowFrom', () => {
    const [error] = errorsOf({ dmPolicy: "open", allowFrom: ["+15555550123"] });
    expect(error?.path).toBe("channels.imessage.allowFrom");
    expect(error?.message).toContain('dmPolicy "open" needs "*" in allowFrom');
  });

  it('accepts dmPolicy "open" with "*" in allowFrom', () => {
    expect(errorsOf({ dmPolicy: "open", allowFrom: ["*"] })).toEqual([]);
  });

  it("reports a policy error on the account that has it, with that account's key path", () => {
    const errors = errorsOf({
      accounts: {
        good: { dmPolicy: "allowlist", allowFrom: ["a@example.com"], dbPath: "/db/good.db" },
        bad: { dmPolicy: "allowlist", dbPath: "/db/bad.db" },
      },
    });
    expect(errors.map((error) => [error.accountId, error.path])).toEqual([
      ["bad", "channels.imessage.accounts.bad.allowFrom"],
    ]);
  });

  it("refuses two enabled accounts on the same database, naming both", () => {
    const [error, ...rest] = errorsOf({
      accounts: {
        personal: { dbPath: "~/Library/Messages/chat.db" },
        work: { dbPath: `${HOME}/Library/Messages/chat.db` },
      },
    });
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ path: "channels.imessage.accounts.work.dbPath", accountId: "work" });
    expect(error?.message).toContain('accounts "personal" and "work" both read');
    expect(error?.message).toContain("answered twice");
  });

  it("refuses two accounts that inherit the same dbPath from the root", () => {
    expect(errorsOf({ dbPath: "/db/chat.db", accounts: { a: {}, b: {} } })).toHaveLength(1);
  });

  it("accepts the same database when one of the accounts is disabled", () => {
    expect(errorsOf({ dbPath: "/db/chat.db", accounts: { a: {}, b: { enabled: false } } })).toEqual([]);
  });

  it("accepts the same path on two different remote Macs", () => {
    expect(
      errorsOf({
        dbPath: "/Users/bot/Library/Messages/chat.db",
        accounts: { a: { remoteHost: "bot@mac-a" }, b: { remoteHost: "bot@mac-b" } },
      }),
    ).toEqual([]);
  });

  it.each([
    ["a newline", "/Users/bot/chat.db\n/tmp/other"],
    ["a tab", "/Users/bot/chat\t.db"],
    ["an escape", "/Users/bot/\u001b[2Jchat.db"],
    ["a DEL", "/Users/bot/chat.db\u007f"],
  ])("refuses a dbPath with %s, naming the key", (_name, dbPath) => {
    const errors = errorsOf({ accounts: { bot: { remoteHost: "bot@mac-a", dbPath } } });
    expect(errors.map((error) => error.path)).toEqual(["channels.imessage.accounts.bot.dbPath"]);
    expect(describeConfigError(errors[0] as ConfigError)).toMatch(
      /^channels\.imessage\.accounts\.bot\.dbPath: expected a path without control characters/,
    );
  });

  it("refuses a relative dbPath for an account whose imsg runs on another Mac, naming the key", () => {
    const [error, ...rest] = errorsOf({ accounts: { bot: { remoteHost: "bot@mac-a", dbPath: "chat.db" } } });
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ path: "channels.imessage.accounts.bot.dbPath", accountId: "bot" });
    expect(error?.message).toContain("must be an absolute path");
  });

  it.each(["$(id > /tmp/x)", "`id`", "a;id", "a|id", "a&&id", "a>x", "a<x"])(
    "refuses a remote dbPath holding shell syntax (%s), which a hand-written wrapper would run",
    (part) => {
      const dbPath = `/Users/bot/${part}/chat.db`;
      const [error, ...rest] = errorsOf({ accounts: { bot: { remoteHost: "bot@mac-a", dbPath } } });
      expect(rest).toEqual([]);
      expect(error).toMatchObject({ path: "channels.imessage.accounts.bot.dbPath", accountId: "bot" });
      expect(error?.message).toContain("could run a command there");
    },
  );

  it("accepts a remote dbPath with spaces and quotes, which the wrapper passes through whole", () => {
    expect(
      errorsOf({ accounts: { bot: { remoteHost: "bot@mac-a", dbPath: "/Users/bot/Mess ages/it's.db" } } }),
    ).toEqual([]);
  });

  it("does not make an invalid mention pattern a config error, only a warning", () => {
    const warnings = warningsOf({
      agents: { list: [{ id: "main", groupChat: { mentionPatterns: ["ok", "(unclosed"] } }] },
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.path).toBe("agents.list[0].groupChat.mentionPatterns[1]");
  });

  it("warns when defaultAccount names no account", () => {
    const warnings = warningsOf({
      channels: { imessage: { defaultAccount: "gone", accounts: { bot: {} } } },
    });
    expect(warnings.map((warning) => warning.path)).toEqual(["channels.imessage.defaultAccount"]);
  });

  it("accepts a key it does not know, with a warning naming its key path", () => {
    const warnings = warningsOf({ channels: { imessage: { textChunkLimt: 1200 } } });
    expect(warnings.map(describeConfigError)).toEqual([
      "channels.imessage.textChunkLimt: unknown key; Pinch ignores it (check the spelling)",
    ]);
  });

  it("names each reference key Pinch does not support as ignored, apart from the unknown ones", () => {
    const warnings = warningsOf({
      bindings: [{ agentId: "main", match: { channel: "imessage" } }],
      channels: {
        defaults: { groupPolicy: "open" },
        imessage: {
          sendTransport: "bridge",
          markdown: { tables: "bullets" },
          textChunkLimt: 1200,
          accounts: { bot: { actions: { reactions: true } } },
        },
      },
      session: {
        dmScope: "per-channel-peer",
        mainKey: "main",
        identityLinks: { me: ["imessage:+15555550123"] },
      },
      commands: { useAccessGroups: true },
      markdown: { tables: "bullets" },
    });
    expect(warnings.map(describeConfigError)).toEqual([
      "ignored: bindings (not supported by Pinch)",
      "ignored: channels.defaults.groupPolicy (not supported by Pinch)",
      "ignored: channels.imessage.sendTransport (not supported by Pinch)",
      "ignored: channels.imessage.markdown (not supported by Pinch)",
      "ignored: channels.imessage.accounts.bot.actions (not supported by Pinch)",
      "ignored: session.mainKey (not supported by Pinch)",
      "ignored: session.identityLinks (not supported by Pinch)",
      "ignored: commands.useAccessGroups (not supported by Pinch)",
      "channels.imessage.textChunkLimt: unknown key; Pinch ignores it (check the spelling)",
      "markdown: unknown key; Pinch ignores it (check the spelling)",
    ]);
  });
});

describe("model references", () => {
  it("refuses a model whose provider is unknown, naming the key path", () => {
    const result = validateConfig({ agents: { defaults: { model: { primary: "opnai/gpt-5" } } } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]?.path).toBe("agents.defaults.model.primary");
    expect(result.errors[0]?.message).toContain('no provider "opnai"');
  });

  it("refuses a fallback on a provider without a baseUrl", () => {
    const result = validateConfig({
      models: { providers: { local: { api: "openai-completions", models: [{ id: "llama" }] } } },
      agents: { list: [{ id: "main", model: { primary: "anthropic/claude", fallbacks: ["local/llama"] } }] },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]?.path).toBe("agents.list[0].model.fallbacks[0]");
    expect(result.errors[0]?.message).toContain("needs a baseUrl");
  });

  it("refuses a baseUrl with a user name or password, naming the key and not repeating it", () => {
    for (const baseUrl of ["https://me:hunter2-pass@llm.example.net/v1", "http://token@127.0.0.1:8080/v1"]) {
      const result = validateConfig({ models: { providers: { proxy: { baseUrl } } } });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors[0]?.path).toBe("models.providers.proxy.baseUrl");
      expect(result.errors[0]?.message).toContain("user name or password");
      expect(JSON.stringify(result.errors)).not.toMatch(/hunter2|token@/);
    }
  });

  it("accepts built-in providers and a local server with a baseUrl", () => {
    const result = validateConfig({
      models: { providers: { ollama: { baseUrl: "http://127.0.0.1:11434/v1", api: "openai-completions" } } },
      agents: {
        defaults: { model: { primary: "anthropic/claude-x", fallbacks: ["openai/gpt-x", "ollama/llama3"] } },
      },
    });
    expect(result.ok).toBe(true);
  });
});

describe("provider keys from the environment", () => {
  it("refuses a provider naming a variable that is not its own, naming the key", () => {
    const result = validateConfig({
      models: {
        providers: {
          mine: { baseUrl: "https://models.example.com/v1", apiKey: "env:OPENAI_API_KEY" },
          openai: { apiKey: "env:GITHUB_TOKEN" },
        },
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(describeConfigError)).toEqual([
      'models.providers.mine.apiKey: "env:OPENAI_API_KEY" is not this provider\'s variable; a provider reads only its own, "env:MINE_API_KEY" (or use a key stored in the Pinch window)',
      'models.providers.openai.apiKey: "env:GITHUB_TOKEN" is not this provider\'s variable; a provider reads only its own, "env:OPENAI_API_KEY" (or use a key stored in the Pinch window)',
    ]);
  });

  it("accepts each provider's own variable, a literal and a keychain name", () => {
    const result = validateConfig({
      models: {
        providers: {
          "my-proxy": { baseUrl: "https://proxy.example.com", apiKey: "env:MY_PROXY_API_KEY" },
          anthropic: { apiKey: "env:ANTHROPIC_API_KEY" },
          openai: { apiKey: "keychain:openai-api-key" },
          local: { baseUrl: "http://127.0.0.1:1234/v1", apiKey: "lm-studio" },
        },
      },
    });
    expect(result.ok).toBe(true);
  });
});
