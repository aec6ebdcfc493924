import { generateText, type LanguageModel, type ModelMessage, streamText } from "ai";
import type { ResolvedModel } from "./model-config.ts";

/** One request to one model. An options object, so a new need (tools, usage) is one more field. */
export interface ModelRequest {
  model: ResolvedModel;
  languageModel: LanguageModel;
  system: string;
  messages: ModelMessage[];
  signal: AbortSignal;
  timeoutMs: number;
  /** Each piece of text as a streamed answer is written (only when the model streams). */
  onText?: (delta: string) => void;
}

/** The whole answer, streamed when the provider asks for it. */
export async function callModel(request: ModelRequest): Promise<string> {
  const { model, languageModel, system, messages, signal, timeoutMs, onText } = request;
  const abortSignal = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
  const common = {
    model: languageModel,
    system,
    messages,
    maxOutputTokens: model.maxTokens,
    maxRetries: 0,
    abortSignal,
  };
  if (!model.stream) return (await generateText(common)).text;
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
    return text;
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
