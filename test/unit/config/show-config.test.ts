import { describe, expect, it } from "vitest";
import { showConfig } from "../../../app/config/show-config.ts";

const raw = {
  messages: { responsePrefix: "[bot]" },
  channels: { imessage: { groups: { "*": { requireMention: true } }, textChunkLimit: 1200 } },
  models: { providers: { openai: { apiKey: "value-of-the-key", baseUrl: "https://example.invalid" } } },
};

describe("/config show", () => {
  it("shows the whole file with every secret replaced", () => {
    const text = showConfig(raw);
    expect(JSON.parse(text).models.providers.openai).toEqual({
      apiKey: "[redacted]",
      baseUrl: "https://example.invalid",
    });
    expect(text).not.toContain("value-of-the-key");
  });

  it("shows one key path, written back the way it is typed", () => {
    expect(showConfig(raw, "channels.imessage.textChunkLimit")).toBe(
      "channels.imessage.textChunkLimit = 1200",
    );
    expect(showConfig(raw, "channels.imessage.groups['*']")).toBe(
      'channels.imessage.groups["*"] = {\n  "requireMention": true\n}',
    );
  });

  it("never shows a secret, even when asked for it by its path", () => {
    expect(showConfig(raw, "models.providers.openai.apiKey")).toBe(
      'models.providers.openai.apiKey = "[redacted]"',
    );
  });

  it("says when a key is not in the file, and when the path cannot be read", () => {
    expect(showConfig(raw, "channels.imessage.region")).toBe(
      "channels.imessage.region is not set in the config file (its default applies).",
    );
    expect(showConfig(raw, "channels..imessage")).toMatch(/^Not shown: invalid key path/);
  });
});
