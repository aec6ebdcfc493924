/**
 * Which keys of an OpenClaw config go into Pinch's config, decided without
 * touching a file. Pinch reads the reference's keys under the same names, so
 * the keys its schema knows are copied as they are; the others are left out
 * and named. A key Pinch's config already sets differently keeps Pinch's
 * value, except sender lists, which gain the entries they lack. Running the
 * plan on its own result plans nothing, so an import can be run twice.
 */
import { isPlainObject } from "../config/config-text.ts";
import type { ConfigEdit } from "../config/edit-config-tree.ts";
import { formatKeyPath, type KeyPathSegment, parseKeyPath } from "../config/key-path.ts";
import { providerEnvName } from "../config/provider-key-refs.ts";
import { findUnknownConfigKeys } from "../config/unknown-keys.ts";
import type { ImportReport } from "./import-report.ts";

export interface ConfigImportPlan {
  edits: ConfigEdit[];
  set: ImportReport["config"]["set"];
  kept: ImportReport["config"]["kept"];
  leftOut: string[];
}

/** `allowFrom`, `groupAllowFrom`, `ownerAllowFrom`: lists of senders, merged rather than replaced. */
const SENDER_LIST = /allowFrom$/i;
const ENV_TEMPLATE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;
const KEYCHAIN_REFERENCE = /^keychain:\S+$/;
const ENV_REFERENCE = /^env:(\S+)$/;

export function planConfigImport(
  openclaw: Record<string, unknown>,
  pinch: Record<string, unknown>,
): ConfigImportPlan {
  const copy = structuredClone(openclaw);
  const plan: ConfigImportPlan = { edits: [], set: [], kept: [], leftOut: [] };
  const secretNotes = referenceSecrets(copy);
  for (const keyPath of findUnknownConfigKeys(copy)) {
    const parsed = parseKeyPath(keyPath);
    if (parsed.ok) removeAt(copy, parsed.segments);
    plan.leftOut.push(keyPath);
  }
  mergeInto(plan, { theirs: copy, original: openclaw, ours: pinch, at: [], notes: secretNotes });
  return plan;
}

interface MergeStep {
  theirs: unknown;
  /** The reference's value before unsupported keys were taken out. */
  original: unknown;
  ours: unknown;
  at: KeyPathSegment[];
  notes: Map<string, string>;
}

function mergeInto(plan: ConfigImportPlan, step: MergeStep): void {
  const { theirs, original, ours, at, notes } = step;
  if (isPlainObject(theirs) && (ours === undefined || isPlainObject(ours))) {
    const emptied =
      Object.keys(theirs).length === 0 && isPlainObject(original) && Object.keys(original).length > 0;
    // An object that held only unsupported keys has nothing to bring; one written empty (`"*": {}`) means something.
    if (emptied) return;
    if (Object.keys(theirs).length > 0) {
      for (const [key, value] of Object.entries(theirs)) {
        const child = (source: unknown) => (isPlainObject(source) ? source[key] : undefined);
        mergeInto(plan, {
          theirs: value,
          original: child(original),
          ours: child(ours),
          at: [...at, key],
          notes,
        });
      }
      return;
    }
  }
  const keyPath = formatKeyPath(at);
  const note = notes.get(keyPath);
  if (ours === undefined) {
    plan.edits.push({ kind: "set", keyPath, value: theirs });
    plan.set.push({ keyPath, value: JSON.stringify(theirs), ...(note ? { note } : {}) });
    return;
  }
  if (sameValue(ours, theirs)) return;
  const key = at.at(-1);
  if (typeof key === "string" && SENDER_LIST.test(key) && Array.isArray(ours) && Array.isArray(theirs)) {
    const known = new Set(ours.map(String));
    const added = theirs.filter((entry) => !known.has(String(entry)));
    if (added.length === 0) return;
    const value = [...ours, ...added];
    plan.edits.push({ kind: "set", keyPath, value });
    plan.set.push({
      keyPath,
      value: JSON.stringify(value),
      note: `adds ${added.map((entry) => JSON.stringify(entry)).join(", ")} to Pinch's list`,
    });
    return;
  }
  plan.kept.push({ keyPath, pinch: JSON.stringify(ours), openclaw: JSON.stringify(theirs) });
}

/**
 * Model keys never land in Pinch's file as text: a reference to the
 * environment stays one when it names the provider's own variable; any other
 * key (written out, or in another variable) becomes `env:<PROVIDER>_API_KEY`
 * for the user to fill in, the only variable a provider may read.
 */
function referenceSecrets(config: Record<string, unknown>): Map<string, string> {
  const notes = new Map<string, string>();
  const models = config.models;
  const providers = isPlainObject(models) ? models.providers : undefined;
  if (!isPlainObject(providers)) return notes;
  for (const [id, provider] of Object.entries(providers)) {
    if (!isPlainObject(provider) || provider.apiKey === undefined) continue;
    const keyPath = formatKeyPath(["models", "providers", id, "apiKey"]);
    const key = provider.apiKey;
    if (typeof key === "string" && KEYCHAIN_REFERENCE.test(key.trim())) continue;
    const name = providerEnvName(id);
    if (typeof key === "string" && key.trim() === `env:${name}`) continue;
    const fromEnv = envName(key);
    provider.apiKey = `env:${name}`;
    notes.set(
      keyPath,
      fromEnv === name
        ? `read from ${name} in the environment, as OpenClaw did`
        : fromEnv
          ? `OpenClaw read it from ${fromEnv}; Pinch reads a provider's key only from its own variable, so set ${name} in the environment, or enter the key in Pinch's window (it goes into the keychain)`
          : `the key written in openclaw.json is not copied; set ${name} in the environment, or enter the key in Pinch's window (it goes into the keychain)`,
    );
  }
  return notes;
}

/** `${NAME}`, `env:NAME` or the reference's `{ source: "env", id: NAME }`. */
function envName(key: unknown): string | undefined {
  if (typeof key === "string") return (ENV_TEMPLATE.exec(key.trim()) ?? ENV_REFERENCE.exec(key.trim()))?.[1];
  if (isPlainObject(key) && key.source === "env" && typeof key.id === "string") return key.id;
  return undefined;
}

function removeAt(root: Record<string, unknown>, segments: readonly KeyPathSegment[]): void {
  let container: unknown = root;
  for (const segment of segments.slice(0, -1)) {
    container = (container as Record<string | number, unknown> | undefined)?.[segment];
    if (typeof container !== "object" || container === null) return;
  }
  const last = segments.at(-1);
  if (last !== undefined && isPlainObject(container)) delete container[String(last)];
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
