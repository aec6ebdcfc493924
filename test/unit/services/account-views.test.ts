import { describe, expect, it } from "vitest";
import { redactPeople } from "../../../app/log/redact-log-line.ts";
import { buildAccountViews } from "../../../app/services/account-views.ts";

describe("account views", () => {
  it("marks each setting as overridden, inherited from the channel, or the built-in default", () => {
    const views = buildAccountViews({
      channels: {
        imessage: {
          textChunkLimit: 2000,
          accounts: { default: {}, bot: { textChunkLimit: 500, name: "Bot" } },
        },
      },
    });
    expect(views.multi).toBe(true);
    const setting = (id: string, key: string) =>
      views.accounts.find((account) => account.id === id)?.settings.find((entry) => entry.key === key);
    expect(setting("default", "textChunkLimit")).toEqual({
      key: "textChunkLimit",
      value: 2000,
      source: "inherited",
    });
    expect(setting("bot", "textChunkLimit")).toEqual({
      key: "textChunkLimit",
      value: 500,
      source: "overridden",
    });
    expect(setting("bot", "chunkMode")).toEqual({ key: "chunkMode", value: "length", source: "default" });
  });

  it("shows the single flat account's own keys as overridden", () => {
    const views = buildAccountViews({
      channels: { imessage: { dmPolicy: "allowlist", allowFrom: ["+15555550123"] } },
    });
    expect(views.multi).toBe(false);
    expect(views.accounts[0]?.settings.find((entry) => entry.key === "dmPolicy")?.source).toBe("overridden");
  });
});

describe("diagnostics", () => {
  it("keeps phone numbers, emails and keys out", () => {
    const text = redactPeople("from +1 555 555 0123 and ann@example.com with sk-abcdefghijklmnop");
    expect(text).not.toContain("555 0123");
    expect(text).not.toContain("ann@example.com");
    expect(text).not.toContain("abcdefghijklmnop");
  });
});
