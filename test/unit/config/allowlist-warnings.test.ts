import { describe, expect, it } from "vitest";
import { describeConfigError } from "../../../app/config/config-errors.ts";
import { validateConfig } from "../../../app/config/validate-config.ts";

function warningsOf(imessage: Record<string, unknown>): string[] {
  // A mention pattern, so the only warnings left are about the lists.
  const messages = { groupChat: { mentionPatterns: ["@bot"] } };
  const result = validateConfig({ channels: { imessage }, messages }, { homedir: "/Users/someone" });
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.warnings.map(describeConfigError);
}

describe("allowlist entries that read as nothing", () => {
  it("warns about each one by its key path, saying it admits no one and why", () => {
    const warnings = warningsOf({
      dmPolicy: "allowlist",
      allowFrom: ["+15555550123", "Mom", "chatid:42"],
      groupAllowFrom: ["chat_id:*"],
    });
    expect(warnings).toEqual([
      expect.stringMatching(
        /^channels\.imessage\.allowFrom\[1\]: admits no one: "Mom" is not a phone number/,
      ),
      expect.stringMatching(
        /^channels\.imessage\.groupAllowFrom\[0\]: admits no one: chat_id needs a chat number/,
      ),
    ]);
  });

  it("accepts every chat alias of the reference without a warning", () => {
    const aliases = ["chat:1", "ChatId:2", "chatguid:iMessage;+;chat3", "GUID:any;-;+15555550123"];
    expect(warningsOf({ allowFrom: [...aliases, "chatidentifier:chat4", "CHATIDENT:chat5"] })).toEqual([]);
  });

  it("names the account whose own list holds the entry, and a root entry once for all accounts", () => {
    const warnings = warningsOf({
      allowFrom: ["someone"],
      // Each its own database: accounts sharing one are refused before any warning.
      accounts: {
        home: { dbPath: "/Users/me/Library/Messages/chat.db" },
        work: { dbPath: "/Users/office/Library/Messages/chat.db", groupAllowFrom: ["+1555"] },
        bot: { dbPath: "/Users/bot/Library/Messages/chat.db" },
      },
    });
    expect(warnings.map((warning) => warning.split(":")[0])).toEqual([
      "channels.imessage.allowFrom[0]",
      "channels.imessage.accounts.work.groupAllowFrom[0]",
    ]);
  });

  it("reads a national number with the account's own region", () => {
    expect(warningsOf({ region: "GB", allowFrom: ["020 7946 0958"] })).toEqual([]);
    expect(warningsOf({ allowFrom: ["020 7946 0958"] })).toEqual([
      expect.stringContaining("channels.imessage.allowFrom[0]: admits no one"),
    ]);
  });

  it("explains an access group entry of the reference", () => {
    expect(warningsOf({ allowFrom: ["accessGroup:operators"] })).toEqual([
      expect.stringContaining("Pinch has no access groups"),
    ]);
  });
});
