import { migratePrefs } from "./prefs-migrations.ts";
import { type AppPrefs, type AppPrefsPatch, AppPrefsPatchSchema, mergePrefs } from "./prefs-schema.ts";

/** Where the preferences are kept: electron-store in the app, a plain object in tests. */
export interface PrefsBackend {
  read(): unknown;
  write(prefs: AppPrefs): void;
}

export interface PrefsStore {
  get(): AppPrefs;
  /** Validates the patch, stores the merged result and tells the listeners. */
  set(patch: AppPrefsPatch): AppPrefs;
  subscribe(listener: (prefs: AppPrefs, previous: AppPrefs) => void): () => void;
}

/**
 * The one owner of the app's preferences: migrated and validated when opened, validated on every
 * change. `onMigrated` hears about dropped values so the log can say what was reset.
 */
export function openPrefsStore(
  backend: PrefsBackend,
  onMigrated?: (info: { from: number; dropped: string[] }) => void,
): PrefsStore {
  const outcome = migratePrefs(backend.read());
  let current = outcome.prefs;
  if (outcome.changed) backend.write(current);
  if (outcome.changed || outcome.dropped.length > 0)
    onMigrated?.({ from: outcome.from, dropped: outcome.dropped });
  const listeners = new Set<(prefs: AppPrefs, previous: AppPrefs) => void>();
  return {
    get: () => current,
    set(patch) {
      const valid = AppPrefsPatchSchema.parse(patch);
      const previous = current;
      current = mergePrefs(current, valid);
      backend.write(current);
      for (const listener of listeners) listener(current, previous);
      return current;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
