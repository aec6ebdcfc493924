/**
 * Tokens one request used, as the provider reported them. `input` counts
 * every prompt token, the cached ones included: `cacheRead` of them were
 * served from the provider's prompt cache, `cacheWrite` were written to it
 * (Anthropic bills both at their own rates; OpenAI writes for free).
 */
import type { LanguageModelUsage } from "ai";
import { z } from "zod";

const Tokens = z.number().int().nonnegative();

export const TokenUsageSchema = z.object({
  input: Tokens,
  cacheRead: Tokens,
  cacheWrite: Tokens,
  output: Tokens,
});
export type TokenUsage = z.infer<typeof TokenUsageSchema>;

export const NO_USAGE: TokenUsage = { input: 0, cacheRead: 0, cacheWrite: 0, output: 0 };

/** The SDK's usage in our terms; a provider that reports nothing counts as nothing. */
export function tokenUsageOf(usage: LanguageModelUsage | undefined): TokenUsage {
  const details = usage?.inputTokenDetails;
  return {
    input: usage?.inputTokens ?? 0,
    cacheRead: details?.cacheReadTokens ?? usage?.cachedInputTokens ?? 0,
    cacheWrite: details?.cacheWriteTokens ?? 0,
    output: usage?.outputTokens ?? 0,
  };
}

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    input: a.input + b.input,
    cacheRead: a.cacheRead + b.cacheRead,
    cacheWrite: a.cacheWrite + b.cacheWrite,
    output: a.output + b.output,
  };
}
