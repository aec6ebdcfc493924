import { describe, expect, it } from "vitest";
import {
  DEFAULT_ATTACHMENT_ROOT,
  type ResolvedAccount,
  resolveAccounts,
  resolveDefaultAccountId,
} from "../../../app/config/resolve-accounts.ts";
import type { PinchConfig } from "../../../app/config/schema.ts";
import { validateConfig } from "../../../app/config/validate-config.ts";

const HOME = "/Users/someone";

/** Configs go through validation first, as they do in the gateway. */
function config(imessage: Record<string, unknown>): PinchConfig {
  const result = validateConfig({ channels: { imessage } }, { homedir: HOME });
  if (!result.ok) throw new Error(`test config is invalid: ${JSON.stringify(result.errors)}`);
  return result.config;
}

function accounts(imessage: Record<string, unknown>): ResolvedAccount[] {
  return resolveAccounts(config(imessage), { homedir: HOME });
}

function only(imessage: Record<string, unknown>): ResolvedAccount {
  const [account, ...rest] = accounts(imessage);
  if (account === undefined || rest.length > 0) throw new Error("expected exactly one account");
  return account;
}

function byId(list: ResolvedAccount[], id: string): ResolvedAccount {
  const account = list.find((entry) => entry.id === id);
  if (account === undefined) throw new Error(`no account ${id}`);
  return account;
}

describe("resolveAccounts", () => {
  it("fills every default for an empty channels.imessage block", () => {
    expect(only({})).toEqual({
      id: "default",
      configPath: "channels.imessage",
      isDefault: true,
      name: undefined,
      enabled: true,
      cliPath: "imsg",
      dbPath: undefined,
      remoteHost: undefined,
      service: "auto",
      region: "US",
      dmPolicy: "pairing",
      allowFrom: [],
      groupPolicy: "allowlist",
      groupAllowFrom: undefined,
      groups: {},
      historyLimit: 50,
      dmHistoryLimit: undefined,
      dms: {},
      includeAttachments: false,
      attachmentRoots: [DEFAULT_ATTACHMENT_ROOT],
      remoteAttachmentRoots: [DEFAULT_ATTACHMENT_ROOT],
      mediaMaxMb: 16,
      mediaFetchPrivateHosts: false,
      textChunkLimit: 4000,
      chunkMode: "length",
      blockStreaming: { enabled: true, minChars: 200, maxChars: 1500, idleMs: 2500 },
      configWrites: true,
      unpairedResponse: "code",
      sendReadReceipts: false,
      reactionNotifications: "own",
      probeTimeoutMs: undefined,
      responsePrefix: undefined,
    });
  });

  it("returns no account when the config has no channels.imessage block", () => {
    expect(resolveAccounts({}, { homedir: HOME })).toEqual([]);
  });

  it("configures the single default account from flat keys", () => {
    const account = only({
      cliPath: "/usr/local/bin/imsg",
      dmPolicy: "allowlist",
      allowFrom: ["+15555550123"],
    });
    expect(account).toMatchObject({
      id: "default",
      cliPath: "/usr/local/bin/imsg",
      dmPolicy: "allowlist",
      allowFrom: ["+15555550123"],
    });
  });

  it("treats an empty accounts map like no accounts map", () => {
    expect(only({ accounts: {}, region: "DE" })).toMatchObject({ id: "default", region: "DE" });
  });

  it("lists only the configured accounts when accounts has entries", () => {
    expect(
      accounts({
        cliPath: "imsg",
        accounts: { bot: { dbPath: "/db/bot.db" }, work: { dbPath: "/db/work.db" } },
      }).map((account) => account.id),
    ).toEqual(["bot", "work"]);
  });

  it("lets an account inherit every key it does not set from the channel root", () => {
    const account = only({
      region: "GB",
      textChunkLimit: 900,
      includeAttachments: true,
      accounts: { bot: {} },
    });
    expect(account).toMatchObject({ id: "bot", region: "GB", textChunkLimit: 900, includeAttachments: true });
  });

  it("reads phone numbers in the Mac's region when the config sets none", () => {
    const [account] = resolveAccounts(config({}), { homedir: HOME, defaultRegion: "GB" });
    expect(account?.region).toBe("GB");
  });

  it("lets the config's region win over the Mac's", () => {
    const [account] = resolveAccounts(config({ region: "DE" }), { homedir: HOME, defaultRegion: "GB" });
    expect(account?.region).toBe("DE");
  });

  it("reads phone numbers as US ones when neither the config nor the Mac names a region", () => {
    expect(only({}).region).toBe("US");
  });

  it("lets an account's own value win over the root's", () => {
    const account = only({ historyLimit: 30, accounts: { bot: { historyLimit: 5 } } });
    expect(account.historyLimit).toBe(5);
  });

  it("takes the group history from messages.groupChat.historyLimit when neither account nor channel sets one", () => {
    const withDefault = (imessage: Record<string, unknown>) => {
      const result = validateConfig(
        { channels: { imessage }, messages: { groupChat: { historyLimit: 7 } } },
        { homedir: HOME },
      );
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      return resolveAccounts(result.config, { homedir: HOME });
    };
    expect(withDefault({})[0]?.historyLimit).toBe(7);
    expect(withDefault({ historyLimit: 3 })[0]?.historyLimit).toBe(3);
    expect(withDefault({ historyLimit: 3, accounts: { bot: { historyLimit: 0 } } })[0]?.historyLimit).toBe(0);
  });

  it("gives each account its own key path", () => {
    expect(only({ accounts: { bot: {} } }).configPath).toBe("channels.imessage.accounts.bot");
  });

  it("replaces the root's groups map with the account's instead of merging them", () => {
    const account = only({
      groups: { "*": { requireMention: true }, "1": { requireMention: false } },
      accounts: { bot: { groups: { "2": { systemPrompt: "hi" } } } },
    });
    expect(account.groups).toEqual({ "2": { systemPrompt: "hi" } });
  });

  it("replaces the root's dms map with the account's", () => {
    const account = only({
      dms: { a: { historyLimit: 1 } },
      accounts: { bot: { dms: { b: { historyLimit: 2 } } } },
    });
    expect(account.dms).toEqual({ b: { historyLimit: 2 } });
  });

  it("replaces the root's allowFrom list with the account's", () => {
    const account = only({ allowFrom: ["+15550000001"], accounts: { bot: { allowFrom: ["+15550000002"] } } });
    expect(account.allowFrom).toEqual(["+15550000002"]);
  });

  it("keeps an explicit empty groupAllowFrom distinct from an absent one", () => {
    expect(only({ groupAllowFrom: [] }).groupAllowFrom).toEqual([]);
    expect(only({}).groupAllowFrom).toBeUndefined();
  });

  it("lets an account block all group senders with groupAllowFrom: [] while the root lists some", () => {
    const account = only({ groupAllowFrom: ["+15550000001"], accounts: { bot: { groupAllowFrom: [] } } });
    expect(account.groupAllowFrom).toEqual([]);
  });

  it("expands ~ in cliPath, dbPath and attachmentRoots", () => {
    const account = only({
      cliPath: "~/bin/imsg-ssh",
      dbPath: "~/Library/Messages/chat.db",
      attachmentRoots: ["~/Attachments"],
    });
    expect(account.cliPath).toBe(`${HOME}/bin/imsg-ssh`);
    expect(account.dbPath).toBe(`${HOME}/Library/Messages/chat.db`);
    expect(account.attachmentRoots).toEqual([DEFAULT_ATTACHMENT_ROOT, `${HOME}/Attachments`]);
  });

  it("adds configured remote attachment roots to the default root", () => {
    expect(only({ remoteAttachmentRoots: ["/Volumes/Shared"] }).remoteAttachmentRoots).toEqual([
      DEFAULT_ATTACHMENT_ROOT,
      "/Volumes/Shared",
    ]);
  });

  it("turns every account off when the channel is disabled", () => {
    const list = accounts({ enabled: false, accounts: { a: { enabled: true }, b: {} } });
    expect(list.map((account) => account.enabled)).toEqual([false, false]);
  });

  it("turns one account off with its own enabled: false", () => {
    const list = accounts({ accounts: { a: { enabled: false }, b: {} } });
    expect(list.map((account) => account.enabled)).toEqual([false, true]);
  });
});

describe("the default account", () => {
  it("is the one named by defaultAccount", () => {
    const list = accounts({
      defaultAccount: "work",
      accounts: { default: { dbPath: "/db/default.db" }, work: { dbPath: "/db/work.db" } },
    });
    expect(byId(list, "work").isDefault).toBe(true);
    expect(byId(list, "default").isDefault).toBe(false);
  });

  it('is "default" when defaultAccount is unset and such an account exists', () => {
    expect(
      resolveDefaultAccountId(
        config({ accounts: { bot: { dbPath: "/db/bot.db" }, default: { dbPath: "/db/default.db" } } }),
      ),
    ).toBe("default");
  });

  it("is the first account otherwise", () => {
    expect(
      resolveDefaultAccountId(
        config({ accounts: { bot: { dbPath: "/db/bot.db" }, work: { dbPath: "/db/work.db" } } }),
      ),
    ).toBe("bot");
  });

  it("falls back when defaultAccount names no account", () => {
    expect(
      resolveDefaultAccountId(
        config({
          defaultAccount: "gone",
          accounts: { bot: { dbPath: "/db/bot.db" }, work: { dbPath: "/db/work.db" } },
        }),
      ),
    ).toBe("bot");
  });

  it("does not exist without a channels.imessage block", () => {
    expect(resolveDefaultAccountId({})).toBeUndefined();
  });
});
