import { z } from "zod";

/**
 * The menu-bar app's own preferences, kept by electron-store in the app's userData folder. Only
 * what the app itself needs lives here; everything about accounts, access and the agent is in the
 * gateway's JSON5 config, and secrets are in the keychain.
 */
export const currentPrefsVersion = 2;

export const WindowBoundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
});
export type WindowBounds = z.infer<typeof WindowBoundsSchema>;

export const NotificationPrefsSchema = z.object({
  /** A notification with Approve and Dismiss for every new pairing request. */
  pairingRequests: z.boolean(),
  /** Whether those notifications play the default sound. */
  sound: z.boolean(),
});

// No `.default()` here: a partial patch must not fill absent keys with defaults.
const prefsFields = {
  /** The setup wizard has been completed (or skipped) once. */
  firstRunDone: z.boolean(),
  /** Mirrors the login item; the login item itself is the truth and is re-read at start. */
  startAtLogin: z.boolean(),
  /** Last size and place of the Pinch window, restored when it opens again. */
  windowBounds: WindowBoundsSchema.optional(),
  notifications: NotificationPrefsSchema,
  /** Replies are paused from the tray: messages are still read and settled, the agent is not asked. */
  pauseReplies: z.boolean(),
  /** Keep message text in the log file (for a bug report); secrets are masked even then. */
  verboseLogging: z.boolean(),
};

export const AppPrefsSchema = z.object({ version: z.literal(currentPrefsVersion), ...prefsFields });
export type AppPrefs = z.infer<typeof AppPrefsSchema>;

/** A change from the window or the tray: any subset of the user-settable keys. */
export const AppPrefsPatchSchema = z
  .object({ ...prefsFields, notifications: NotificationPrefsSchema.partial() })
  .partial()
  .strict();
export type AppPrefsPatch = z.infer<typeof AppPrefsPatchSchema>;

export function defaultPrefs(): AppPrefs {
  return {
    version: currentPrefsVersion,
    firstRunDone: false,
    startAtLogin: false,
    notifications: { pairingRequests: true, sound: true },
    pauseReplies: false,
    verboseLogging: false,
  };
}

/** `prefs` with `patch` applied, nested notification switches merged. */
export function mergePrefs(prefs: AppPrefs, patch: AppPrefsPatch): AppPrefs {
  return AppPrefsSchema.parse({
    ...prefs,
    ...patch,
    notifications: { ...prefs.notifications, ...patch.notifications },
  });
}
