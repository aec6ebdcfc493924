import { describe, expect, it } from "vitest";
import { resolveModelChain } from "../../../app/agent/model-config.ts";
import { PinchConfigSchema } from "../../../app/config/schema.ts";
import { validateConfig } from "../../../app/config/validate-config.ts";

function config(raw: unknown) {
  const result = validateConfig(raw);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.config;
}

describe("resolveModelChain", () => {
  it("has no models when none is configured (the echo agent answers)", () => {
    expect(resolveModelChain(config({}), "main")).toEqual({ kind: "none" });
  });

  it("resolves built-in providers without a baseUrl, keys from the usual variables", () => {
    const chain = resolveModelChain(
      config({
        agents: { defaults: { model: { primary: "anthropic/claude-x", fallbacks: ["openai/gpt-y"] } } },
      }),
      "main",
    );
    expect(chain).toMatchObject({
      kind: "models",
      models: [
        {
          ref: "anthropic/claude-x",
          api: "anthropic-messages",
          baseUrl: undefined,
          apiKeyRef: "env:ANTHROPIC_API_KEY",
          images: true,
        },
        { ref: "openai/gpt-y", api: "openai-responses", apiKeyRef: "env:OPENAI_API_KEY", images: true },
      ],
    });
  });

  it("reads a local provider's models (context window, max tokens, images)", () => {
    const chain = resolveModelChain(
      config({
        models: {
          providers: {
            ollama: {
              baseUrl: "http://127.0.0.1:11434/v1",
              api: "openai-completions",
              models: [
                { id: "llama3.2", contextWindow: 8192, maxTokens: 512 },
                { id: "llava", input: ["text", "image"] },
              ],
            },
          },
        },
        agents: { defaults: { model: "ollama/llama3.2" }, list: [{ id: "seer", model: "ollama/llava" }] },
      }),
      "main",
    );
    expect(chain).toMatchObject({
      kind: "models",
      models: [
        { modelId: "llama3.2", contextWindow: 8192, maxTokens: 512, images: false, apiKeyRef: undefined },
      ],
    });
  });

  it("lets an agent's own model replace the primary and keep the default fallbacks", () => {
    const raw = config({
      agents: {
        defaults: { model: { primary: "anthropic/a", fallbacks: ["openai/b"] } },
        list: [
          { id: "work", model: "openai/c" },
          { id: "home", model: { fallbacks: [] } },
        ],
      },
    });
    const refs = (agentId: string) => {
      const chain = resolveModelChain(raw, agentId);
      return chain.kind === "models" ? chain.models.map((model) => model.ref) : chain.kind;
    };
    expect(refs("work")).toEqual(["openai/c", "openai/b"]);
    expect(refs("home")).toEqual(["anthropic/a"]);
    expect(refs("other")).toEqual(["anthropic/a", "openai/b"]);
  });

  // Loading refuses such configs (validate-config); resolving copes with them on its own all the same.
  const unchecked = (raw: unknown) => PinchConfigSchema.parse(raw);

  it("names what is wrong with an unusable chain, and skips only the broken fallback", () => {
    expect(resolveModelChain(unchecked({ agents: { defaults: { model: "nowhere/x" } } }), "main")).toEqual({
      kind: "invalid",
      problems: [
        'model "nowhere/x": no provider "nowhere" in models.providers (built in: anthropic, openai)',
      ],
    });
    const partly = resolveModelChain(
      unchecked({
        models: { providers: { lm: { api: "openai-responses" } } },
        agents: { defaults: { model: { primary: "lm/x", fallbacks: ["anthropic/y"] } } },
      }),
      "main",
    );
    expect(partly).toMatchObject({ kind: "models", models: [{ ref: "anthropic/y" }] });
  });

  it("refuses a malformed model ref and a non-http baseUrl at validation", () => {
    expect(validateConfig({ agents: { defaults: { model: "no-slash" } } }).ok).toBe(false);
    expect(validateConfig({ models: { providers: { x: { baseUrl: "file:///etc" } } } }).ok).toBe(false);
    expect(validateConfig({ models: { providers: { x: { api: "gemini" } } } }).ok).toBe(false);
    // Keys this version does not know still pass through.
    const kept = validateConfig({
      models: { mode: "merge", providers: { x: { baseUrl: "http://h/v1", headers: { a: "b" } } } },
    });
    expect(kept.ok && kept.config.models).toEqual({
      mode: "merge",
      providers: { x: { baseUrl: "http://h/v1", headers: { a: "b" } } },
    });
  });
});
