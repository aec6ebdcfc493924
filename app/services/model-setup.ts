/**
 * The wizard's model step on the core side: write the chosen provider and model into the config
 * (the key goes to the host's keychain, the config keeps only its `keychain:` name), and the live
 * "say hello" test through the same provider code the agent uses.
 */
import { resolveModelChain } from "../agent/model-config.ts";
import { type ModelPresetId, modelPresets, providerName } from "../agent/model-presets.ts";
import type { ConfigEdit } from "../config/edit-config-tree.ts";
import { resolveDefaultAgentId } from "../config/resolve-agent.ts";
import type { PinchConfig } from "../config/schema.ts";
import { explainFailure, failureText } from "../errors/failure-explanation.ts";
import { ServiceFailure } from "../ipc/service-failure.ts";
import { redactSecrets } from "../log/logger.ts";
import { createEnvSecretResolver } from "../secrets/env-secret-resolver.ts";
import type { HostPorts } from "./host-ports.ts";

/** How long a test waits unless the window says otherwise; the window shows it and offers Cancel. */
export const HELLO_TIMEOUT_SECONDS = 20;

export interface ModelChoice {
  preset: ModelPresetId;
  modelId: string;
  baseUrl?: string | undefined;
  apiKey?: string | undefined;
}

/**
 * Saving a choice: the key goes to the host's keychain first, so the config never names a missing
 * one; `plan` then works out the edits from the config as the save transaction reads it.
 */
export async function planModelSave(
  choice: ModelChoice,
  host: HostPorts,
): Promise<{ plan: (raw: Record<string, unknown>) => ConfigEdit[]; ref: string }> {
  const preset = modelPresets.find((candidate) => candidate.id === choice.preset);
  if (!preset) throw new ServiceFailure("invalid-args", `unknown provider "${choice.preset}"`, "preset");
  const providerId = preset.id;
  const base = `models.providers.${providerId}`;
  const keyRef = await storeKey(providerId, choice.apiKey?.trim(), host);
  const ref = `${providerId}/${choice.modelId.trim()}`;
  const plan = (raw: Record<string, unknown>): ConfigEdit[] => {
    if (keyRef === undefined && preset.needsKey && !hasProvider(raw, providerId))
      throw new ServiceFailure("invalid-args", `${preset.label} needs an API key.`, "apiKey");
    const edits: ConfigEdit[] = [];
    const baseUrl = choice.baseUrl?.trim() || preset.baseUrl;
    if (baseUrl) edits.push({ kind: "set", keyPath: `${base}.baseUrl`, value: baseUrl });
    if (preset.api) edits.push({ kind: "set", keyPath: `${base}.api`, value: preset.api });
    if (keyRef !== undefined) edits.push({ kind: "set", keyPath: `${base}.apiKey`, value: keyRef });
    const current = (raw.agents as { defaults?: { model?: unknown } } | undefined)?.defaults?.model;
    // An object choice keeps its fallbacks; only the primary changes.
    edits.push(
      typeof current === "object" && current !== null
        ? { kind: "set", keyPath: "agents.defaults.model.primary", value: ref }
        : { kind: "set", keyPath: "agents.defaults.model", value: ref },
    );
    return edits;
  };
  return { plan, ref };
}

/** The config's `keychain:` name for a key just stored, or undefined when none was given. */
async function storeKey(
  providerId: string,
  key: string | undefined,
  host: HostPorts,
): Promise<string | undefined> {
  if (!key) return undefined;
  if (!host.secrets) {
    throw new ServiceFailure("unavailable", "This build cannot store keys in the keychain.", "apiKey");
  }
  const name = `${providerId}-api-key`;
  await host.secrets.set(name, key);
  return `keychain:${name}`;
}

function hasProvider(raw: Record<string, unknown>, providerId: string): boolean {
  const providers = (raw.models as { providers?: Record<string, { apiKey?: unknown }> } | undefined)
    ?.providers;
  return typeof providers?.[providerId]?.apiKey === "string";
}

/**
 * Asks the configured primary model for a one-line hello. A failure is worded for the person
 * (failure-explanation.ts) with the provider's own text, key masked, as its detail.
 */
export async function sayHello(
  config: PinchConfig,
  host: HostPorts,
  env: NodeJS.ProcessEnv | undefined,
  wait: { timeoutSeconds: number; cancel: AbortSignal },
): Promise<{ ref: string; reply: string }> {
  const chain = resolveModelChain(config, resolveDefaultAgentId(config));
  if (chain.kind === "none") throw new ServiceFailure("not-found", "No model is configured yet.");
  if (chain.kind === "invalid") throw new ServiceFailure("invalid-config", chain.problems.join("; "));
  const model = chain.models[0];
  if (!model) throw new ServiceFailure("not-found", "No model is configured yet.");
  const resolver = host.secrets ?? createEnvSecretResolver(env);
  let apiKey = "";
  try {
    apiKey = model.apiKeyRef ? await resolver.resolve(model.apiKeyRef) : "";
  } catch (error) {
    throw new ServiceFailure("no-key", "Pinch has no key for this provider. Paste the key.", "apiKey", {
      detail: (error as Error).message,
      action: "change-key",
    });
  }
  const [{ generateText }, { createLanguageModel }] = await Promise.all([
    import("ai"),
    import("../agent/provider-factory.ts"),
  ]);
  try {
    const result = await generateText({
      model: createLanguageModel(model, apiKey),
      prompt: "Say hello to the person setting you up, in one short sentence.",
      maxRetries: 0,
      abortSignal: AbortSignal.any([wait.cancel, AbortSignal.timeout(wait.timeoutSeconds * 1000)]),
    });
    return { ref: model.ref, reply: result.text.trim() };
  } catch (error) {
    if (wait.cancel.aborted) throw new ServiceFailure("cancelled", "The test was cancelled.");
    const raw = `${model.ref} did not answer: ${withoutSecret(failureText(error), apiKey)}`;
    const provider = providerName(model.providerId);
    const explained = explainFailure(raw, {
      ...(provider ? { provider } : {}),
      model: model.modelId,
      timeoutSeconds: wait.timeoutSeconds,
    });
    throw ServiceFailure.explained("model-failed", explained, explained.concerns);
  }
}

/**
 * A provider's error text as the window may show it. Some providers repeat the
 * key they were sent ("Incorrect API key provided: …"), whatever its shape, so
 * the key itself goes, then anything else that looks like one.
 */
function withoutSecret(text: string, secret: string): string {
  // A very short "key" would mask ordinary words; the shape rules still apply to it.
  const literal = secret.length >= 6 ? text.split(secret).join("[redacted]") : text;
  return redactSecrets(literal);
}
