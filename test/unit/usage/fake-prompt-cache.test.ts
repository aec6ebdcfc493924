import { describe, expect, it } from "vitest";
import { FakePromptCache } from "../../fake-llm/fake-prompt-cache.ts";

const long = "x".repeat(8_000); // about 2,000 tokens: past the 1,024-token minimum
const breakpoint = { type: "ephemeral" };

function anthropicBody(turns: string[], marked = true) {
  const messages = turns.map((text, index) => ({
    role: index % 2 === 0 ? "user" : "assistant",
    content: [
      { type: "text", text, ...(marked && index === turns.length - 1 ? { cache_control: breakpoint } : {}) },
    ],
  }));
  return { system: [{ type: "text", text: long, cache_control: breakpoint }], messages };
}

describe("the fake provider's prompt cache", () => {
  it("writes an Anthropic prefix at a breakpoint and reads it on the next turn", () => {
    const cache = new FakePromptCache();
    const first = cache.usage("anthropic-messages", anthropicBody(["hello"]));
    expect(first.cacheRead).toBe(0);
    expect(first.cacheWrite).toBe(first.total);
    const second = cache.usage("anthropic-messages", anthropicBody(["hello", "hi!", "how are you?"]));
    expect(second.cacheRead).toBe(first.total);
    expect(second.cacheWrite).toBe(second.total - first.total);
  });

  it("reads nothing from Anthropic's cache without breakpoints, or when an earlier message changed", () => {
    const cache = new FakePromptCache();
    const unmarked = { messages: [{ role: "user", content: long }] };
    expect(cache.usage("anthropic-messages", unmarked)).toEqual({
      total: 2_009,
      cacheRead: 0,
      cacheWrite: 0,
    });
    expect(cache.usage("anthropic-messages", unmarked).cacheRead).toBe(0);
    cache.usage("anthropic-messages", anthropicBody(["hello"]));
    const changed = anthropicBody(["hello"]);
    changed.system = [{ type: "text", text: `${long}!`, cache_control: breakpoint }];
    expect(cache.usage("anthropic-messages", changed).cacheRead).toBe(0);
  });

  it("caches an OpenAI prefix by itself, in 128-token steps from 1,024 tokens", () => {
    const cache = new FakePromptCache();
    const body = (...texts: string[]) => ({
      messages: [{ role: "system", content: long }, ...texts.map((content) => ({ role: "user", content }))],
    });
    expect(cache.usage("openai-completions", body("a")).cacheRead).toBe(0);
    const second = cache.usage("openai-completions", body("a", "b"));
    expect(second.cacheRead % 128).toBe(0);
    expect(second.cacheRead).toBeGreaterThanOrEqual(1_024);
    expect(second.total - second.cacheRead).toBeLessThan(128 + 10);
    expect(second.cacheWrite).toBe(0);
  });

  it("caches no OpenAI prompt shorter than 1,024 tokens", () => {
    const cache = new FakePromptCache();
    const body = { input: [{ role: "user", content: "short" }] };
    cache.usage("openai-responses", body);
    expect(cache.usage("openai-responses", body).cacheRead).toBe(0);
  });
});
