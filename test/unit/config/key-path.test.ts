import { describe, expect, it } from "vitest";
import { formatKeyPath, parseKeyPath } from "../../../app/config/key-path.ts";

describe("key paths", () => {
  it("split plain segments on dots", () => {
    expect(parseKeyPath("channels.imessage.dmPolicy")).toEqual({
      ok: true,
      segments: ["channels", "imessage", "dmPolicy"],
    });
  });

  it("read a numeric dotted segment as a key, since group ids are keys", () => {
    expect(parseKeyPath("channels.imessage.groups.42.requireMention")).toEqual({
      ok: true,
      segments: ["channels", "imessage", "groups", "42", "requireMention"],
    });
  });

  it("read quoted brackets as keys that may contain dots", () => {
    expect(parseKeyPath('dms["me@example.com"].historyLimit')).toEqual({
      ok: true,
      segments: ["dms", "me@example.com", "historyLimit"],
    });
  });

  it("read numeric brackets as list indexes", () => {
    expect(parseKeyPath("agents.list[0].identity.name")).toEqual({
      ok: true,
      segments: ["agents", "list", 0, "identity", "name"],
    });
  });

  it.each(["", "a..b", "a.", ".a", "a[", "a[b]", "a.__proto__.b", "constructor"])("refuse %j", (text) => {
    expect(parseKeyPath(text).ok).toBe(false);
  });

  it("format back to the text a user would type", () => {
    expect(formatKeyPath(["channels", "imessage", "groups", "*", "requireMention"])).toBe(
      'channels.imessage.groups["*"].requireMention',
    );
    expect(formatKeyPath(["agents", "list", 2, "id"])).toBe("agents.list[2].id");
  });

  it("round-trip through format and parse", () => {
    const segments = ["channels", "imessage", "dms", "+1 (555) 000-0000", "historyLimit"];
    expect(parseKeyPath(formatKeyPath(segments))).toEqual({ ok: true, segments });
  });
});
