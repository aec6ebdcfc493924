import { generateText, type LanguageModel, type ModelMessage, streamText } from "ai";
import { type TokenUsage, tokenUsageOf } from "../usage/token-usage.ts";
import type { ResolvedModel } from "./model-config.ts";
import { cacheableRequest } from "./prompt-cache.ts";
import { answerAfterRefusals, type ModelCallOptions, toolRequestOptions } from "./turn-tools.ts";

/** One request to one model. An options object, so a new need is one more field. */
export interface ModelRequest extends ModelCallOptions {
  model: ResolvedModel;
  languageModel: LanguageModel;
  system: string;
  messages: ModelMessage[];
  signal: AbortSignal;
  timeoutMs: number;
  /** The session the request belongs to: names its prompt cache (hashed) where the provider takes one. */
  sessionKey?: string;
  /** Each piece of text as a streamed answer is written (only when the model streams). */
  onText?: (delta: string) => void;
}

/** The whole answer and what it cost, streamed when the provider asks for it. */
export async function callModel(request: ModelRequest): Promise<{ text: string; usage: TokenUsage }> {
  const { model, languageModel, system, messages, signal, timeoutMs, sessionKey = "", onText } = request;
  const abortSignal = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
  const common = {
    model: languageModel,
    ...cacheableRequest(model, system, messages, sessionKey),
    maxOutputTokens: model.maxTokens,
    maxRetries: 0,
    abortSignal,
    ...toolRequestOptions(request),
  };
  if (!model.stream) {
    const result = await generateText(common);
    // Every step is billed: a tool call and the answer after it are two requests.
    return {
      text: answerAfterRefusals(result.text, result.steps, request),
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
    if (onText) for await (const delta of result.textStream) onText(delta);
    const text = await result.text;
    // A stream broken off part way can still yield the text it had: it is not an answer.
    if (streamError !== undefined) throw streamError;
    return {
      text: answerAfterRefusals(text, await result.steps, request),
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
