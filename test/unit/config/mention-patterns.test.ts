import { describe, expect, it } from "vitest";
import {
  compileMentionPatterns,
  findInvalidMentionPatterns,
  resolveMentionPatterns,
} from "../../../app/config/mention-patterns.ts";
import { resolveDefaultAgentId } from "../../../app/config/resolve-agent.ts";
import type { PinchConfig } from "../../../app/config/schema.ts";

function matches(patterns: string[], text: string): boolean {
  return compileMentionPatterns(patterns).regexes.some((regex) => regex.test(text));
}

describe("resolveMentionPatterns", () => {
  it("uses the agent's own groupChat.mentionPatterns first", () => {
    const config: PinchConfig = {
      messages: { groupChat: { mentionPatterns: ["global"] } },
      agents: {
        list: [{ id: "main", groupChat: { mentionPatterns: ["mine"] }, identity: { name: "Claw" } }],
      },
    };
    expect(resolveMentionPatterns(config)).toEqual(["mine"]);
  });

  it("falls back to messages.groupChat.mentionPatterns", () => {
    const config: PinchConfig = {
      messages: { groupChat: { mentionPatterns: ["global"] } },
      agents: { list: [{ id: "main", identity: { name: "Claw" } }] },
    };
    expect(resolveMentionPatterns(config)).toEqual(["global"]);
  });

  it("derives patterns from the agent's identity name and emoji when none are configured", () => {
    const config: PinchConfig = {
      agents: { list: [{ id: "main", identity: { name: "Claw Bot", emoji: "🦞" } }] },
    };
    const patterns = resolveMentionPatterns(config);
    expect(matches(patterns, "hey @claw   bot, what's up")).toBe(true);
    expect(matches(patterns, "🦞 what's up")).toBe(true);
    expect(matches(patterns, "clawbotany is a word")).toBe(false);
  });

  it("escapes regex characters in a derived name", () => {
    const patterns = resolveMentionPatterns({
      agents: { list: [{ id: "main", identity: { name: "C.3PO (bot)" } }] },
    });
    expect(matches(patterns, "ask c.3po (bot) please")).toBe(true);
    expect(matches(patterns, "ask cx3po (bot) please")).toBe(false);
  });

  it("treats an explicit empty list as no patterns rather than falling back", () => {
    const config: PinchConfig = {
      messages: { groupChat: { mentionPatterns: ["global"] } },
      agents: { list: [{ id: "main", groupChat: { mentionPatterns: [] } }] },
    };
    expect(resolveMentionPatterns(config)).toEqual([]);
  });

  it("uses the named agent rather than the default one", () => {
    const config: PinchConfig = {
      agents: {
        list: [
          { id: "main", groupChat: { mentionPatterns: ["main"] } },
          { id: "family", groupChat: { mentionPatterns: ["family"] } },
        ],
      },
    };
    expect(resolveMentionPatterns(config, "family")).toEqual(["family"]);
  });

  it("returns no patterns when nothing names the assistant", () => {
    expect(resolveMentionPatterns({})).toEqual([]);
  });
});

describe("invalid mention patterns", () => {
  it("are reported with their key path", () => {
    const config: PinchConfig = {
      messages: { groupChat: { mentionPatterns: ["[a-"] } },
      agents: { list: [{ id: "main", groupChat: { mentionPatterns: ["fine", "*bad"] } }] },
    };
    expect(findInvalidMentionPatterns(config).map(({ path, pattern }) => [path, pattern])).toEqual([
      ["messages.groupChat.mentionPatterns[0]", "[a-"],
      ["agents.list[0].groupChat.mentionPatterns[1]", "*bad"],
    ]);
  });

  it("are skipped when compiling while the valid ones still match case-insensitively", () => {
    const compiled = compileMentionPatterns(["(", "\\bclaw\\b"]);
    expect(compiled.invalid.map((entry) => entry.pattern)).toEqual(["("]);
    expect(compiled.regexes.some((regex) => regex.test("Hey CLAW"))).toBe(true);
  });
});

describe("resolveDefaultAgentId", () => {
  it("picks the agent marked default", () => {
    expect(resolveDefaultAgentId({ agents: { list: [{ id: "a" }, { id: "b", default: true }] } })).toBe("b");
  });

  it("picks the first agent when none is marked default", () => {
    expect(resolveDefaultAgentId({ agents: { list: [{ id: "a" }, { id: "b" }] } })).toBe("a");
  });

  it('is "main" when no agent is listed', () => {
    expect(resolveDefaultAgentId({})).toBe("main");
  });
});
