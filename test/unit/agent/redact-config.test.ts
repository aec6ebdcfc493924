import { describe, expect, it } from "vitest";
import { REDACTED, redactConfig } from "../../../app/config/redact-config.ts";

describe("redactConfig", () => {
  it("removes every key from an exported config and keeps refs and everything else", () => {
    const config = {
      models: {
        providers: {
          anthropic: { apiKey: "made-up-anthropic-key-for-tests" },
          openai: { apiKey: "env:OPENAI_API_KEY" },
          lm: {
            baseUrl: "http://127.0.0.1:1234/v1",
            apiKey: "keychain:lm",
            headers: { Authorization: "Bearer abc" },
          },
        },
      },
      channels: { telegram: { botToken: "123:abc" }, imessage: { allowFrom: ["+15555550123"] } },
      gateway: { auth: { password: 1234 } },
      agents: { defaults: { model: "anthropic/claude" } },
    };
    const redacted = redactConfig(config);
    expect(redacted).toEqual({
      models: {
        providers: {
          anthropic: { apiKey: REDACTED },
          openai: { apiKey: "env:OPENAI_API_KEY" },
          lm: {
            baseUrl: "http://127.0.0.1:1234/v1",
            apiKey: "keychain:lm",
            headers: { Authorization: REDACTED },
          },
        },
      },
      channels: { telegram: { botToken: REDACTED }, imessage: { allowFrom: ["+15555550123"] } },
      gateway: { auth: { password: REDACTED } },
      agents: { defaults: { model: "anthropic/claude" } },
    });
    expect(JSON.stringify(redacted)).not.toMatch(/made-up-anthropic-key|123:abc|Bearer abc/);
    // The original is left alone.
    expect(config.models.providers.anthropic.apiKey).toBe("made-up-anthropic-key-for-tests");
  });
});
