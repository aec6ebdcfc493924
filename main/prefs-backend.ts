import Store from "electron-store";
import type { Logger } from "../app/log/logger.ts";
import { openPrefsStore, type PrefsStore } from "../app/preferences/prefs-store.ts";

/**
 * The app preferences in electron-store's file (~/Library/Application Support/Pinch/
 * preferences.json). electron-store does the atomic writes; the schema and the migrations are
 * ours (app/preferences), run before anything reads a value. A file that is not even JSON is
 * replaced by the defaults instead of stopping the app.
 */
export function openAppPreferences(log: Logger): PrefsStore {
  const store = new Store<Record<string, unknown>>({ name: "preferences", clearInvalidConfig: true });
  return openPrefsStore(
    {
      read: () => store.store,
      write: (prefs) => {
        store.store = prefs;
      },
    },
    ({ from, dropped }) => {
      if (dropped.length > 0)
        log.warn("reset invalid preferences to their defaults", { dropped: dropped.join("; ") });
      else if (from > 0) log.info("migrated the preferences", { from });
    },
  );
}
