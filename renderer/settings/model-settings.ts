// The model as the config file has it, read for the Settings window: the primary (split into
// provider and model), its fallbacks, and how the provider's key is kept.
import { type ModelPresetId, modelPresetIds } from "../../app/agent/model-presets.ts";
import type { InvokeArgs } from "../../app/ipc/contract.ts";

export const MODEL_KEY = "agents.defaults.model";

export interface ModelSettings {
  /** The primary's provider id as written (`anthropic`, or one only the config file knows). */
  providerId: string;
  /** The same, when it is one of the window's presets. */
  preset: ModelPresetId | undefined;
  modelId: string;
  baseUrl: string | undefined;
  /** `keychain`: stored by Pinch; `config`: an `env:` name or a value in the file; `none`. */
  key: "keychain" | "config" | "none";
  fallbacks: string[];
  /** Providers a fallback can use: the ones configured and the built-in ones. */
  providers: string[];
}

export function readModelSettings(raw: Record<string, unknown>): ModelSettings {
  const choice = (raw.agents as { defaults?: { model?: unknown } } | undefined)?.defaults?.model;
  const primary =
    typeof choice === "string" ? choice : (choice as { primary?: unknown } | undefined)?.primary;
  const fallbacks =
    typeof choice === "object" && choice !== null ? (choice as { fallbacks?: unknown }).fallbacks : [];
  const ref = typeof primary === "string" ? primary : "";
  const slash = ref.indexOf("/");
  const providerId = slash > 0 ? ref.slice(0, slash) : "";
  const providers = ((raw.models as { providers?: Record<string, unknown> } | undefined)?.providers ??
    {}) as Record<string, { baseUrl?: unknown; apiKey?: unknown } | undefined>;
  const provider = providers[providerId];
  const apiKey = provider?.apiKey;
  return {
    providerId,
    preset: (modelPresetIds as readonly string[]).includes(providerId)
      ? (providerId as ModelPresetId)
      : undefined,
    modelId: slash > 0 ? ref.slice(slash + 1) : "",
    baseUrl: typeof provider?.baseUrl === "string" ? provider.baseUrl : undefined,
    key: typeof apiKey !== "string" ? "none" : apiKey.startsWith("keychain:") ? "keychain" : "config",
    fallbacks: Array.isArray(fallbacks)
      ? fallbacks.filter((entry): entry is string => typeof entry === "string")
      : [],
    providers: [...new Set([...Object.keys(providers), "anthropic", "openai"])],
  };
}

/**
 * The edit that stores a new fallback list and nothing else: a primary written as a bare ref
 * becomes `{ primary, fallbacks }` only when there are fallbacks to keep.
 */
export function fallbackEdit(
  raw: Record<string, unknown>,
  fallbacks: readonly string[],
): InvokeArgs<"config.patch">["edits"] {
  const choice = (raw.agents as { defaults?: { model?: unknown } } | undefined)?.defaults?.model;
  if (typeof choice === "string") {
    return fallbacks.length === 0 ? [] : [{ keyPath: MODEL_KEY, value: { primary: choice, fallbacks } }];
  }
  return fallbacks.length === 0
    ? [{ keyPath: `${MODEL_KEY}.fallbacks` }]
    : [{ keyPath: `${MODEL_KEY}.fallbacks`, value: [...fallbacks] }];
}
