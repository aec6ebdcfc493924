import { describe, expect, it } from "vitest";
import { fallbackEdit, readModelSettings } from "../../../renderer/settings/model-settings.ts";

describe("the model as the Settings window reads it", () => {
  it("splits the primary into provider and model and says the key is in the keychain", () => {
    const raw = {
      models: { providers: { anthropic: { apiKey: "keychain:anthropic-api-key" } } },
      agents: {
        defaults: { model: { primary: "anthropic/claude-sonnet-4-5", fallbacks: ["openai/gpt-5-mini"] } },
      },
    };
    expect(readModelSettings(raw)).toMatchObject({
      providerId: "anthropic",
      preset: "anthropic",
      modelId: "claude-sonnet-4-5",
      key: "keychain",
      fallbacks: ["openai/gpt-5-mini"],
    });
  });

  it("a provider only the config file knows is named but is no preset", () => {
    const raw = {
      models: {
        providers: {
          openrouter: { baseUrl: "https://openrouter.example/v1", apiKey: "env:OPENROUTER_API_KEY" },
        },
      },
      agents: { defaults: { model: "openrouter/some/model" } },
    };
    expect(readModelSettings(raw)).toMatchObject({
      providerId: "openrouter",
      preset: undefined,
      modelId: "some/model",
      key: "config",
      providers: ["openrouter", "anthropic", "openai"],
    });
  });
});

describe("storing fallbacks", () => {
  it("a bare model becomes primary and fallbacks only when there are fallbacks", () => {
    const raw = { agents: { defaults: { model: "ollama/llama3.2" } } };
    expect(fallbackEdit(raw, ["openai/gpt-5-mini"])).toEqual([
      {
        keyPath: "agents.defaults.model",
        value: { primary: "ollama/llama3.2", fallbacks: ["openai/gpt-5-mini"] },
      },
    ]);
    expect(fallbackEdit(raw, [])).toEqual([]);
  });

  it("an object model changes only its fallbacks, and an empty list removes them", () => {
    const raw = { agents: { defaults: { model: { primary: "ollama/llama3.2", fallbacks: ["a/b"] } } } };
    expect(fallbackEdit(raw, ["c/d", "a/b"])).toEqual([
      { keyPath: "agents.defaults.model.fallbacks", value: ["c/d", "a/b"] },
    ]);
    expect(fallbackEdit(raw, [])).toEqual([{ keyPath: "agents.defaults.model.fallbacks" }]);
  });
});
