import type { Prefs } from "../ipc/setup-schemas.ts";
import type { AppPrefs, AppPrefsPatch } from "./prefs-schema.ts";

/**
 * The window's preferences (the contract's flat `Prefs`) against the stored ones, where the
 * pairing-notification switch sits under `notifications` beside the sound, which the window
 * does not show.
 */
export function prefsView(stored: AppPrefs): Prefs {
  return {
    startAtLogin: stored.startAtLogin,
    firstRunDone: stored.firstRunDone,
    pauseReplies: stored.pauseReplies,
    pairingNotifications: stored.notifications.pairingRequests,
    verboseLogging: stored.verboseLogging,
  };
}

/** A change from the window as a change to the stored preferences: keys it does not name stay as they are. */
export function storedPrefsPatch(patch: Partial<Prefs>): AppPrefsPatch {
  return {
    ...(patch.startAtLogin === undefined ? {} : { startAtLogin: patch.startAtLogin }),
    ...(patch.firstRunDone === undefined ? {} : { firstRunDone: patch.firstRunDone }),
    ...(patch.pauseReplies === undefined ? {} : { pauseReplies: patch.pauseReplies }),
    ...(patch.verboseLogging === undefined ? {} : { verboseLogging: patch.verboseLogging }),
    ...(patch.pairingNotifications === undefined
      ? {}
      : { notifications: { pairingRequests: patch.pairingNotifications } }),
  };
}
