/**
 * Turns a resolved model into an AI SDK language model. The SDK speaks the
 * wire formats; retries are ours (the call sites pass `maxRetries: 0`).
 */
import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import type { LanguageModel } from "ai";
import type { ResolvedModel } from "./model-config.ts";

// The SDK prints its warnings to the console, which would end up between our JSON log lines.
(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

export function createLanguageModel(model: ResolvedModel, apiKey: string): LanguageModel {
  // The key is always passed (possibly empty for a keyless local server), so the SDK never
  // falls back to reading an environment variable on its own.
  if (model.api === "anthropic-messages") {
    return createAnthropic({
      apiKey,
      ...(model.baseUrl ? { baseURL: anthropicBaseUrl(model.baseUrl) } : {}),
    })(model.modelId);
  }
  const openai = createOpenAI({ apiKey, ...(model.baseUrl ? { baseURL: trimSlash(model.baseUrl) } : {}) });
  return model.api === "openai-responses" ? openai.responses(model.modelId) : openai.chat(model.modelId);
}

/** The reference writes Anthropic-style base URLs without `/v1` (the official SDK adds it); ours wants it. */
function anthropicBaseUrl(baseUrl: string): string {
  const trimmed = trimSlash(baseUrl);
  return /\/v1$/.test(trimmed) ? trimmed : `${trimmed}/v1`;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
