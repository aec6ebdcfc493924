import { describe, expect, it } from "vitest";
import { validateConfig } from "../../../app/config/validate-config.ts";

const personal = { dbPath: "/Users/me/Library/Messages/chat.db" };
const bot = { dbPath: "/Users/bot/Library/Messages/chat.db" };

function errorsOf(imessage: Record<string, unknown>): string[] {
  const result = validateConfig({ channels: { imessage } }, { homedir: "/Users/me" });
  return result.ok ? [] : result.errors.map((error) => error.path);
}

describe("chat ids at the channel's root with several accounts", () => {
  it("refuses a root chat_id entry or groups key that two accounts on their own databases would both read", () => {
    expect(
      errorsOf({
        allowFrom: ["+15555550123", "chat_id:42"],
        groupAllowFrom: ["chatid:7"],
        groups: { "*": { requireMention: true }, "101": { requireMention: false } },
        accounts: { personal, bot },
      }),
    ).toEqual([
      "channels.imessage.allowFrom[1]",
      "channels.imessage.groupAllowFrom[0]",
      "channels.imessage.groups.101",
    ]);
  });

  it("accepts them under the account they belong to, at the root of a single account, or read by one account only", () => {
    expect(errorsOf({ allowFrom: ["chat_id:42"], groups: { "101": {} } })).toEqual([]);
    expect(
      errorsOf({
        allowFrom: ["+15555550123"],
        accounts: { personal: { ...personal, allowFrom: ["chat_id:42"], groups: { "101": {} } }, bot },
      }),
    ).toEqual([]);
    expect(
      errorsOf({
        allowFrom: ["chat_id:42"],
        accounts: { personal, bot: { ...bot, allowFrom: ["+15555550199"] } },
      }),
    ).toEqual([]);
    expect(
      errorsOf({ allowFrom: ["chat_id:42"], accounts: { personal, bot: { ...bot, enabled: false } } }),
    ).toEqual([]);
  });

  it("names the accounts and the fix", () => {
    const result = validateConfig(
      { channels: { imessage: { groupAllowFrom: ["chat_id:7"], accounts: { personal, bot } } } },
      { homedir: "/Users/me" },
    );
    expect(result.ok ? "" : result.errors[0]?.message).toBe(
      '"chat_id:7" names a chat in one Messages database, but accounts "personal" and "bot" each read their own and would both use it; move it under the account it belongs to (channels.imessage.accounts.<id>)',
    );
  });
});
