/**
 * Which models an agent asks, in order: its primary, then its fallbacks, each
 * resolved against `models.providers` into what a request needs. The shapes
 * follow the reference so an existing `models`/`agents` block works unchanged.
 */
import { providerEnvName } from "../config/provider-key-refs.ts";
import { findAgent } from "../config/resolve-agent.ts";
import type { ModelApi, ModelChoice, PinchConfig, ProviderConfig } from "../config/schema.ts";

export interface ResolvedModel {
  /** `"<provider>/<model>"` as configured: how logs and status name it. */
  ref: string;
  providerId: string;
  modelId: string;
  api: ModelApi;
  /** Undefined for a built-in provider without one: the SDK's own endpoint. */
  baseUrl: string | undefined;
  /** The configured `apiKey` ref (literal, `env:`, `keychain:`), or none for a keyless local server. */
  apiKeyRef: string | undefined;
  contextWindow: number;
  maxTokens: number;
  images: boolean;
  stream: boolean;
}

export type ModelChain =
  | { kind: "none" }
  | { kind: "models"; models: ResolvedModel[] }
  | { kind: "invalid"; problems: string[] };

interface BuiltIn {
  api: ModelApi;
  apiKeyRef: string;
  contextWindow: number;
}

/** Providers that need no `baseUrl`; their keys default to the usual environment variables. */
export const BUILT_IN_PROVIDERS: Record<string, BuiltIn> = {
  anthropic: {
    api: "anthropic-messages",
    apiKeyRef: `env:${providerEnvName("anthropic")}`,
    contextWindow: 200_000,
  },
  openai: { api: "openai-responses", apiKeyRef: `env:${providerEnvName("openai")}`, contextWindow: 128_000 },
};

/** Local servers often run with small contexts; assume a modest one unless the config says otherwise. */
const DEFAULT_CONTEXT_WINDOW = 32_000;
const DEFAULT_MAX_TOKENS = 4_096;

export function resolveModelChain(config: PinchConfig, agentId: string): ModelChain {
  const refs = modelRefs(findAgent(config, agentId)?.model, config.agents?.defaults?.model);
  if (refs.length === 0) return { kind: "none" };
  const models: ResolvedModel[] = [];
  const problems: string[] = [];
  for (const ref of refs) {
    const resolved = resolveModel(config, ref);
    if (typeof resolved === "string") problems.push(resolved);
    else models.push(resolved);
  }
  // A broken fallback should not stop the models that work: only a chain with none left is invalid.
  return models.length > 0 ? { kind: "models", models } : { kind: "invalid", problems };
}

/** The agent's own choice wins; a bare ref replaces the primary only and keeps the default fallbacks. */
function modelRefs(own: ModelChoice | undefined, defaults: ModelChoice | undefined): string[] {
  const base = typeof defaults === "string" ? { primary: defaults } : (defaults ?? {});
  const mine = typeof own === "string" ? { primary: own } : (own ?? {});
  const primary = mine.primary ?? base.primary;
  const fallbacks = mine.fallbacks ?? base.fallbacks ?? [];
  const all = primary ? [primary, ...fallbacks] : [...fallbacks];
  return [...new Set(all)];
}

/** Why `ref` cannot be asked (no such provider, no baseUrl), or undefined when it can. */
export function modelRefProblem(config: PinchConfig, ref: string): string | undefined {
  const resolved = resolveModel(config, ref);
  return typeof resolved === "string" ? resolved : undefined;
}

function resolveModel(config: PinchConfig, ref: string): ResolvedModel | string {
  const slash = ref.indexOf("/");
  const providerId = ref.slice(0, slash);
  const modelId = ref.slice(slash + 1);
  const provider: ProviderConfig | undefined = config.models?.providers?.[providerId];
  const builtIn = BUILT_IN_PROVIDERS[providerId];
  if (!provider && !builtIn) {
    return `model "${ref}": no provider "${providerId}" in models.providers (built in: ${Object.keys(BUILT_IN_PROVIDERS).join(", ")})`;
  }
  if (!builtIn && !provider?.baseUrl) {
    return `model "${ref}": models.providers.${providerId} needs a baseUrl`;
  }
  const entry = provider?.models?.find((model) => model.id === modelId);
  const contextWindow = entry?.contextWindow ?? builtIn?.contextWindow ?? DEFAULT_CONTEXT_WINDOW;
  return {
    ref,
    providerId,
    modelId,
    api: provider?.api ?? builtIn?.api ?? "openai-completions",
    baseUrl: provider?.baseUrl,
    apiKeyRef: provider?.apiKey ?? builtIn?.apiKeyRef,
    contextWindow,
    maxTokens: Math.min(entry?.maxTokens ?? DEFAULT_MAX_TOKENS, Math.floor(contextWindow / 2)),
    // The big hosted models read images; a local one says so with `input: ["text", "image"]`.
    images: entry?.input ? entry.input.includes("image") : builtIn !== undefined,
    // The hosted services stream well and block streaming needs it; a local server streams when asked.
    stream: provider?.stream ?? builtIn !== undefined,
  };
}
