/**
 * What lets a provider serve most of a request from its prompt cache. Every
 * request of a session starts with the one before it (conversation.ts keeps
 * the prefix stable); this module marks where that prefix ends.
 *
 * Anthropic caches only up to `cache_control` breakpoints: one after the
 * system prompt, one after the newest message. The next turn's request holds
 * this whole request as its prefix, so it reads what this one wrote.
 * OpenAI caches any repeated prefix by itself; a `prompt_cache_key` per
 * session keeps a session's requests on the machines that hold its prefix.
 */
import { createHash } from "node:crypto";
import type { ModelMessage, SystemModelMessage } from "ai";
import type { ResolvedModel } from "./model-config.ts";

type ProviderOptions = NonNullable<SystemModelMessage["providerOptions"]>;

export interface CacheableRequest {
  system: SystemModelMessage;
  messages: ModelMessage[];
  providerOptions: ProviderOptions;
}

const BREAKPOINT: ProviderOptions = { anthropic: { cacheControl: { type: "ephemeral" } } };

export function cacheableRequest(
  model: ResolvedModel,
  system: string,
  messages: ModelMessage[],
  sessionKey: string,
): CacheableRequest {
  if (model.api === "anthropic-messages") {
    const last = messages.at(-1);
    return {
      system: { role: "system", content: system, providerOptions: BREAKPOINT },
      messages: last
        ? [...messages.slice(0, -1), { ...last, providerOptions: BREAKPOINT } as ModelMessage]
        : messages,
      providerOptions: {},
    };
  }
  // Only OpenAI's own service is sent the key: a local server may refuse a field it does not know.
  const providerOptions: ProviderOptions =
    model.providerId === "openai" ? { openai: { promptCacheKey: promptCacheKey(sessionKey) } } : {};
  return { system: { role: "system", content: system }, messages, providerOptions };
}

/** A session's key, hashed: the provider needs a stable name, not the phone number in it. */
export function promptCacheKey(sessionKey: string): string {
  return `pinch-${createHash("sha256").update(sessionKey).digest("hex").slice(0, 24)}`;
}
