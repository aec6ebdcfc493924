import { describe, expect, it } from "vitest";
import { defaultPrefs, mergePrefs } from "../../../app/preferences/prefs-schema.ts";
import { prefsView, storedPrefsPatch } from "../../../app/preferences/prefs-view.ts";

describe("the window's view of the preferences", () => {
  it("shows every stored switch flat, the pairing notifications among them", () => {
    const stored = mergePrefs(defaultPrefs(), {
      firstRunDone: true,
      startAtLogin: true,
      pauseReplies: true,
      verboseLogging: true,
      notifications: { pairingRequests: false },
    });
    expect(prefsView(stored)).toEqual({
      startAtLogin: true,
      firstRunDone: true,
      pauseReplies: true,
      pairingNotifications: false,
      verboseLogging: true,
    });
  });

  it("a window change names only the stored keys it changes", () => {
    expect(storedPrefsPatch({ pauseReplies: true })).toEqual({ pauseReplies: true });
    expect(storedPrefsPatch({})).toEqual({});
  });

  it("the pairing notification switch is stored under notifications, leaving the sound as it was", () => {
    const patch = storedPrefsPatch({ pairingNotifications: false });
    expect(patch).toEqual({ notifications: { pairingRequests: false } });
    const stored = mergePrefs(
      { ...defaultPrefs(), notifications: { pairingRequests: true, sound: false } },
      patch,
    );
    expect(stored.notifications).toEqual({ pairingRequests: false, sound: false });
  });

  it("a change read back through the view is the change the window made", () => {
    const change = {
      startAtLogin: true,
      firstRunDone: true,
      pauseReplies: true,
      pairingNotifications: false,
      verboseLogging: true,
    };
    expect(prefsView(mergePrefs(defaultPrefs(), storedPrefsPatch(change)))).toEqual(change);
  });
});
