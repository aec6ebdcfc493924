import { describe, expect, it } from "vitest";
import { validateConfig } from "../../../app/config/validate-config.ts";

function gateWarnings(config: Record<string, unknown>): string[] {
  const result = validateConfig(config, { homedir: "/Users/someone" });
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.warnings.filter((warning) => warning.message.includes("requireMention")).map((w) => w.path);
}

const openGroups = { dmPolicy: "pairing", groupPolicy: "open" };

describe("a mention gate that cannot be enforced", () => {
  it("is named when groups can be answered, requireMention is on by default and no pattern exists", () => {
    expect(gateWarnings({ channels: { imessage: openGroups } })).toEqual(["channels.imessage.groups"]);
    const noPatterns = { messages: { groupChat: { mentionPatterns: [] } } };
    expect(gateWarnings({ channels: { imessage: openGroups }, ...noPatterns })).toEqual([
      "channels.imessage.groups",
    ]);
  });

  it("is not named with a pattern, an agent name, requireMention off, or no one admitted in groups", () => {
    expect(
      gateWarnings({
        channels: { imessage: openGroups },
        messages: { groupChat: { mentionPatterns: ["@bot"] } },
      }),
    ).toEqual([]);
    expect(
      gateWarnings({
        channels: { imessage: openGroups },
        agents: { list: [{ id: "main", identity: { name: "Clawd" } }] },
      }),
    ).toEqual([]);
    expect(
      gateWarnings({ channels: { imessage: { ...openGroups, groups: { "*": { requireMention: false } } } } }),
    ).toEqual([]);
    expect(gateWarnings({ channels: { imessage: { dmPolicy: "pairing" } } })).toEqual([]);
    expect(gateWarnings({ channels: { imessage: { ...openGroups, groupPolicy: "disabled" } } })).toEqual([]);
  });

  it("is named for a listed chat that needs a mention, though the others are off", () => {
    const groups = { "*": { requireMention: false }, "42": { requireMention: true } };
    expect(gateWarnings({ channels: { imessage: { ...openGroups, groups } } })).toEqual([
      "channels.imessage.groups",
    ]);
    const listedOnly = { "42": {} };
    expect(gateWarnings({ channels: { imessage: { ...openGroups, groups: listedOnly } } })).toEqual([
      "channels.imessage.groups",
    ]);
  });
});
