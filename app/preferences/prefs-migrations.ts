import { type AppPrefs, AppPrefsSchema, currentPrefsVersion, defaultPrefs } from "./prefs-schema.ts";

/**
 * Brings whatever the preferences file holds up to the current version. Each step takes the
 * object of one version to the next; a file with no `version` is version 1, the first release.
 * A value a step cannot understand is dropped rather than trusted, so a hand-edited or damaged
 * file costs a preference, never a start of the app.
 */
type Step = (prefs: Record<string, unknown>) => Record<string, unknown>;

const steps: Record<number, Step> = {
  // Version 1 had one notification switch, `notifyOnPairing`; version 2 groups the notification
  // settings and adds the sound switch.
  1: ({ notifyOnPairing, ...rest }) => ({
    ...rest,
    notifications: {
      pairingRequests: typeof notifyOnPairing === "boolean" ? notifyOnPairing : true,
      sound: true,
    },
    version: 2,
  }),
};

export interface MigrationOutcome {
  prefs: AppPrefs;
  /** The version read from the file (0 when it held nothing usable). */
  from: number;
  /** Keys that were dropped because their values were invalid, as `key: why`. */
  dropped: string[];
  /** True when the result differs from what was stored, so the caller writes it back. */
  changed: boolean;
}

export function migratePrefs(stored: unknown): MigrationOutcome {
  if (!isRecord(stored) || Object.keys(stored).length === 0) {
    return { prefs: defaultPrefs(), from: 0, dropped: [], changed: true };
  }
  const from = typeof stored.version === "number" ? stored.version : 1;
  if (from > currentPrefsVersion) {
    // Written by a newer Pinch: read what this version understands and leave the file alone.
    const { prefs, dropped } = salvage({ ...stored, version: currentPrefsVersion });
    return { prefs, from, dropped, changed: false };
  }
  let prefs: Record<string, unknown> = { ...stored, version: from };
  for (let version = from; version < currentPrefsVersion; version++) {
    const step = steps[version];
    if (!step) break;
    prefs = step(prefs);
  }
  const result = salvage(prefs);
  return {
    ...result,
    from,
    changed: from !== currentPrefsVersion || result.dropped.length > 0 || !sameJson(result.prefs, stored),
  };
}

/**
 * Fills absent keys with defaults and parses; each key whose value fails the schema is reset to
 * its default (and reported). Unknown keys are not kept: the schema is the whole file.
 */
function salvage(candidate: Record<string, unknown>): { prefs: AppPrefs; dropped: string[] } {
  const defaults = defaultPrefs();
  const filled = {
    ...defaults,
    ...candidate,
    notifications: isRecord(candidate.notifications)
      ? { ...defaults.notifications, ...candidate.notifications }
      : (candidate.notifications ?? defaults.notifications),
    version: currentPrefsVersion,
  };
  const first = AppPrefsSchema.safeParse(filled);
  if (first.success) return { prefs: first.data, dropped: [] };
  const bad = new Map<string, string>();
  for (const issue of first.error.issues) {
    const key = String(issue.path[0] ?? "");
    if (key && !bad.has(key)) bad.set(key, issue.message);
  }
  const kept = Object.fromEntries(Object.entries(filled).filter(([key]) => !bad.has(key)));
  const second = AppPrefsSchema.safeParse({ ...defaults, ...kept });
  return {
    prefs: second.success ? second.data : defaults,
    dropped: [...bad].map(([key, why]) => `${key}: ${why}`),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key])]),
  );
}
