// What an earlier setup (or an import, or a hand edit) already wrote, read from the config file as
// written, so running the assistant again starts from it and leaves it alone unless changed.
import { type ModelPresetId, modelPresetIds, modelPresets } from "../../app/agent/model-presets.ts";

type Raw = Record<string, unknown>;

function objectAt(raw: unknown, ...keys: string[]): Raw | undefined {
  let current: unknown = raw;
  for (const key of keys) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Raw)[key];
  }
  return typeof current === "object" && current !== null ? (current as Raw) : undefined;
}

/** The owner's handle as the Who step saved it (`commands.ownerAllowFrom`), "*" never being an owner. */
export function savedOwner(raw: Raw): string | undefined {
  const owners = objectAt(raw, "commands")?.ownerAllowFrom;
  if (!Array.isArray(owners)) return undefined;
  return owners.find((entry): entry is string => typeof entry === "string" && entry.trim() !== "*");
}

/** Whether the config already says how DM conversations are kept apart (the Who step sets it only when unset). */
export function hasDmScope(raw: Raw): boolean {
  return objectAt(raw, "session")?.dmScope !== undefined;
}

export interface SavedModel {
  ref: string;
  preset: ModelPresetId;
  modelId: string;
  baseUrl: string;
}

/** The default agent's model ref as written (`agents.defaults.model`, a ref or `{ primary }`). */
export function savedModelRef(raw: Raw): string | undefined {
  const defaults = objectAt(raw, "agents", "defaults");
  const choice = defaults?.model;
  const ref = typeof choice === "string" ? choice : objectAt(defaults, "model")?.primary;
  return typeof ref === "string" && ref.trim() !== "" ? ref : undefined;
}

/** The default agent's model, when it is one the model step offers. */
export function savedModel(raw: Raw): SavedModel | undefined {
  const ref = savedModelRef(raw);
  if (ref === undefined) return undefined;
  const slash = ref.indexOf("/");
  const provider = ref.slice(0, slash);
  const preset = modelPresetIds.find((id) => id === provider);
  if (slash < 0 || !preset) return undefined;
  const written = objectAt(raw, "models", "providers", preset)?.baseUrl;
  const baseUrl =
    typeof written === "string" ? written : (modelPresets.find((item) => item.id === preset)?.baseUrl ?? "");
  return { ref, preset, modelId: ref.slice(slash + 1), baseUrl };
}

/** The provider's name for the consent sentence, once one is chosen. */
export function providerLabel(raw: Raw): string | undefined {
  const model = savedModel(raw);
  return model ? modelPresets.find((item) => item.id === model.preset)?.label : undefined;
}

/** The account's own keys as written (`configPath` is `channels.imessage` or `channels.imessage.accounts.<id>`). */
export function writtenAccount(raw: Raw, configPath: string): Raw {
  return objectAt(raw, ...configPath.split(".")) ?? {};
}
