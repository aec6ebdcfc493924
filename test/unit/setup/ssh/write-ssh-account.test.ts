import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSON5 from "json5";
import { describe, expect, it } from "vitest";
import { writeSshAccount } from "../../../../app/setup/ssh/write-ssh-account.ts";

const entry = {
  accountId: "bot",
  cliPath: "/data/ssh/imsg-bot",
  dbPath: "/Users/bot/chat.db",
  remoteHost: "bot@mac",
};

function configWith(text: string): string {
  const configPath = join(mkdtempSync(join(tmpdir(), "pinch-ssh-account-")), "pinch.json5");
  writeFileSync(configPath, text);
  return configPath;
}

describe("saving an SSH account", () => {
  it("keeps a single flat account running as accounts.default, its flat keys untouched", async () => {
    const configPath = configWith(
      '{ channels: { imessage: { cliPath: "/opt/homebrew/bin/imsg", allowFrom: ["+15550100001"] } } }',
    );
    expect(await writeSshAccount(configPath, entry)).toMatchObject({ ok: true });
    const imessage = JSON5.parse(readFileSync(configPath, "utf8")).channels.imessage;
    expect(imessage).toEqual({
      cliPath: "/opt/homebrew/bin/imsg",
      allowFrom: ["+15550100001"],
      accounts: {
        default: {},
        bot: { cliPath: entry.cliPath, dbPath: entry.dbPath, remoteHost: entry.remoteHost },
      },
    });
  });

  it("gives the new account its own lists without the chat ids of the first account's database", async () => {
    const configPath = configWith(
      JSON.stringify({
        channels: {
          imessage: {
            dbPath: "/Users/me/Library/Messages/chat.db",
            allowFrom: ["+15550100001", "chat_id:42"],
            groupAllowFrom: ["+15550100001"],
            groups: { "*": { requireMention: true }, "101": { requireMention: false } },
          },
        },
      }),
    );
    expect(await writeSshAccount(configPath, entry)).toMatchObject({ ok: true });
    const imessage = JSON5.parse(readFileSync(configPath, "utf8")).channels.imessage;
    expect(imessage.accounts.bot).toEqual({
      allowFrom: ["+15550100001"],
      groups: { "*": { requireMention: true } },
      cliPath: entry.cliPath,
      dbPath: entry.dbPath,
      remoteHost: entry.remoteHost,
    });
    // The first account keeps reading the root's lists, chat ids included, on its own database.
    expect(imessage.allowFrom).toEqual(["+15550100001", "chat_id:42"]);
    expect(imessage.accounts.default).toEqual({});
  });

  it("adds no default account when an accounts map already exists", async () => {
    const configPath = configWith("{ channels: { imessage: { accounts: { work: {} } } } }");
    await writeSshAccount(configPath, entry);
    const accounts = JSON5.parse(readFileSync(configPath, "utf8")).channels.imessage.accounts;
    expect(Object.keys(accounts)).toEqual(["work", "bot"]);
  });

  it("adds no default account to a config without an iMessage channel", async () => {
    const configPath = configWith("{}");
    await writeSshAccount(configPath, entry);
    const accounts = JSON5.parse(readFileSync(configPath, "utf8")).channels.imessage.accounts;
    expect(Object.keys(accounts)).toEqual(["bot"]);
  });
});
