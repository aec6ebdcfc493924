import { generateText, type LanguageModel, type ModelMessage, streamText } from "ai";
import { type TokenUsage, tokenUsageOf } from "../usage/token-usage.ts";
import type { ResolvedModel } from "./model-config.ts";
import { cacheableRequest } from "./prompt-cache.ts";
import { answerAfterRefusals, type ModelCallOptions, toolRequestOptions } from "./turn-tools.ts";

/** One request to one model: the whole answer, streamed when the provider asks for it. */
export async function callModel(
  model: ResolvedModel,
  languageModel: LanguageModel,
  system: string,
  messages: ModelMessage[],
  signal: AbortSignal,
  timeoutMs: number,
  options: ModelCallOptions = {},
  sessionKey = "",
): Promise<{ text: string; usage: TokenUsage }> {
  const abortSignal = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
  const common = {
    model: languageModel,
    ...cacheableRequest(model, system, messages, sessionKey),
    maxOutputTokens: model.maxTokens,
    maxRetries: 0,
    abortSignal,
    ...toolRequestOptions(options),
  };
  if (!model.stream) {
    const result = await generateText(common);
    // Every step is billed: a tool call and the answer after it are two requests.
    return {
      text: answerAfterRefusals(result.text, result.steps, options),
      usage: tokenUsageOf(result.totalUsage),
    };
  }
  // A failed stream surfaces as "no output"; the error worth reporting arrives through onError.
  let streamError: unknown;
  const result = streamText({
    ...common,
    onError: ({ error }) => {
      streamError ??= error;
    },
  });
  try {
    return {
      text: answerAfterRefusals(await result.text, await result.steps, options),
      usage: tokenUsageOf(await result.totalUsage),
    };
  } catch (error) {
    throw streamError ?? error;
  }
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
