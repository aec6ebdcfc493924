import { describe, expect, it } from "vitest";
import { findEditProblem, MAX_SYSTEM_PROMPT_CHARS } from "../../../app/services/window-edit-rules.ts";

const base = { channels: { imessage: { dmPolicy: "allowlist", allowFrom: ["+15555550123"] } } };

describe("what the window refuses before the core writes", () => {
  it("accepts a valid phone number added to the list", () => {
    const edit = {
      kind: "set" as const,
      keyPath: "channels.imessage.allowFrom",
      value: ["+15555550123", "+15555550188"],
    };
    expect(findEditProblem(base, [edit])).toBeNull();
  });

  it("saves an edit whose consequence is only an advisory, such as a mention gate that cannot work yet", () => {
    const empty = { channels: { imessage: { dmPolicy: "pairing" } } };
    const edit = { kind: "set" as const, keyPath: "channels.imessage.groupPolicy", value: "open" };
    expect(findEditProblem(empty, [edit])).toBeNull();
  });

  it("names the exact entry that is not a handle", () => {
    const edit = {
      kind: "set" as const,
      keyPath: "channels.imessage.allowFrom",
      value: ["+15555550123", "bob"],
    };
    expect(findEditProblem(base, [edit])).toMatchObject({ path: "channels.imessage.allowFrom[1]" });
  });

  it('refuses "*" under an allowlist but accepts it together with the open policy', () => {
    const star = { kind: "set" as const, keyPath: "channels.imessage.allowFrom", value: ["*"] };
    expect(findEditProblem(base, [star])?.message).toContain('"*" would let everyone in');
    const open = { kind: "set" as const, keyPath: "channels.imessage.dmPolicy", value: "open" };
    expect(findEditProblem(base, [open, star])).toBeNull();
  });

  it("passes on the core's own errors, such as an allowlist left empty", () => {
    const edit = { kind: "set" as const, keyPath: "channels.imessage.allowFrom", value: [] };
    expect(findEditProblem(base, [edit])?.message).toContain(
      'dmPolicy "allowlist" needs at least one allowFrom entry',
    );
  });

  it("refuses a broken mention pattern and an over-long group system prompt", () => {
    const regex = {
      kind: "set" as const,
      keyPath: "messages.groupChat.mentionPatterns",
      value: ["[unclosed"],
    };
    expect(findEditProblem(base, [regex])?.path).toBe("messages.groupChat.mentionPatterns[0]");
    const prompt = {
      kind: "set" as const,
      keyPath: "channels.imessage.groups.42.systemPrompt",
      value: "x".repeat(MAX_SYSTEM_PROMPT_CHARS + 1),
    };
    expect(findEditProblem(base, [prompt])?.path).toBe("channels.imessage.groups.42.systemPrompt");
  });

  it("does not block an unrelated edit because of an old mistake elsewhere", () => {
    const old = { channels: { imessage: { dmPolicy: "pairing", allowFrom: ["not a handle"] } } };
    const edit = { kind: "set" as const, keyPath: "channels.imessage.textChunkLimit", value: 1000 };
    expect(findEditProblem(old, [edit])).toBeNull();
  });
});
