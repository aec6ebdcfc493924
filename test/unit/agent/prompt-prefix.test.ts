import { describe, expect, it } from "vitest";
import type { AgentTurn } from "../../../app/agent/agent.ts";
import { buildMessages, buildTurnInput } from "../../../app/agent/conversation.ts";
import type { ResolvedModel } from "../../../app/agent/model-config.ts";
import { cacheableRequest } from "../../../app/agent/prompt-cache.ts";
import type { SessionMessage } from "../../../app/agent/session-store.ts";
import { estimateTokens, TRIM_BLOCK } from "../../../app/agent/token-budget.ts";

const model: ResolvedModel = {
  ref: "anthropic/claude-sonnet-4-5",
  providerId: "anthropic",
  modelId: "claude-sonnet-4-5",
  api: "anthropic-messages",
  baseUrl: undefined,
  apiKeyRef: undefined,
  contextWindow: 200_000,
  maxTokens: 1_000,
  images: false,
  stream: false,
};

const groupTurn = (text: string, context: AgentTurn["context"]): AgentTurn => ({
  agentId: "main",
  sessionKey: "agent:main:imessage:group:3",
  accountId: "default",
  isGroup: true,
  chatId: 3,
  sender: "+15555550123",
  text,
  attachments: [],
  context,
});

/** Runs turns the way the agent does (build, send, keep the exchange) and returns each request's messages. */
function runTurns(turns: AgentTurn[], resolved: ResolvedModel = model): string[] {
  let history: SessionMessage[] = [];
  const requests: string[] = [];
  for (const turn of turns) {
    const input = buildTurnInput(turn, history, { images: [], notes: [] }, "t");
    const messages = buildMessages(resolved, "system", history, input, []);
    requests.push(JSON.stringify(messages).slice(0, -1));
    history = [...history, input.stored, { role: "assistant", text: `answer to ${turn.text}`, at: "t" }];
  }
  return requests;
}

const context = (...texts: string[]) =>
  texts.map((text) => ({ sender: "+15555550999", text, at: "t", fromMe: false }));

describe("a request's prefix", () => {
  it("holds the previous request byte for byte, group context included", () => {
    const requests = runTurns([
      groupTurn("@pinch one", context("dinner at 7?")),
      groupTurn("@pinch two", context("dinner at 7?", "I'll bring wine")),
      groupTurn("@pinch three", context("I'll bring wine", "see you")),
    ]);
    for (let index = 1; index < requests.length; index++) {
      expect(requests[index]?.startsWith(requests[index - 1] as string)).toBe(true);
    }
    expect(requests[2]?.match(/dinner at 7/g)).toHaveLength(1);
    expect(requests[2]?.match(/I'll bring wine/g)).toHaveLength(1);
  });

  it("survives most trims: history is cut a whole block at a time", () => {
    // A window that holds about twenty of these messages: the oldest go, one block at a time.
    const small = { ...model, contextWindow: 2_000, maxTokens: 100 };
    const turns = Array.from({ length: 40 }, (_, index) =>
      groupTurn(`@pinch question ${index} ${"x".repeat(300)}`, []),
    );
    const requests = runTurns(turns, small);
    const firstMessages = requests.map((request) => JSON.parse(`${request}]`)[0].content as string);
    const changes = firstMessages.filter((first, index) => index > 0 && first !== firstMessages[index - 1]);
    expect(estimateTokens("x".repeat(300))).toBeGreaterThan(50);
    // Forty turns past a twenty-message window: the front moved, but in jumps of a block.
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.length).toBeLessThanOrEqual(Math.ceil((40 * 2) / TRIM_BLOCK));
    const stable = requests.filter(
      (request, index) => index > 0 && request.startsWith(requests[index - 1] as string),
    );
    expect(stable.length).toBeGreaterThanOrEqual(requests.length - 1 - changes.length);
  });

  it("marks the system prompt and the newest message as Anthropic cache breakpoints", () => {
    const request = cacheableRequest(
      model,
      "system",
      [
        { role: "user", content: "a" },
        { role: "assistant", content: "b" },
        { role: "user", content: "c" },
      ],
      "agent:main:main",
    );
    const breakpoint = { anthropic: { cacheControl: { type: "ephemeral" } } };
    expect(request.system.providerOptions).toEqual(breakpoint);
    expect(request.messages.map((message) => message.providerOptions)).toEqual([
      undefined,
      undefined,
      breakpoint,
    ]);
  });

  it("names the session to OpenAI with a hashed cache key, and to no other server", () => {
    const openai = { ...model, providerId: "openai", api: "openai-responses" as const };
    const key = cacheableRequest(openai, "s", [], "agent:main:imessage:dm:+15555550123").providerOptions;
    expect(JSON.stringify(key)).toMatch(/"promptCacheKey":"pinch-[0-9a-f]{24}"/);
    expect(JSON.stringify(key)).not.toContain("5555550123");
    expect(cacheableRequest({ ...openai, providerId: "ollama" }, "s", [], "k").providerOptions).toEqual({});
  });
});
