import { describe, expect, it } from "vitest";
import { migratePrefs } from "../../../app/preferences/prefs-migrations.ts";
import { AppPrefsSchema, currentPrefsVersion, defaultPrefs } from "../../../app/preferences/prefs-schema.ts";

describe("preference migrations", () => {
  it("an empty store starts with the defaults and is written", () => {
    const outcome = migratePrefs({});
    expect(outcome).toEqual({ prefs: defaultPrefs(), from: 0, dropped: [], changed: true });
    expect(migratePrefs(undefined).prefs).toEqual(defaultPrefs());
  });

  it("a version 1 file (no version key) keeps its values and moves notifyOnPairing into notifications", () => {
    const outcome = migratePrefs({
      firstRunDone: true,
      startAtLogin: true,
      notifyOnPairing: false,
      windowBounds: { x: 10, y: 20, width: 900, height: 600 },
    });
    expect(outcome.from).toBe(1);
    expect(outcome.changed).toBe(true);
    expect(outcome.prefs).toEqual({
      ...defaultPrefs(),
      version: currentPrefsVersion,
      firstRunDone: true,
      startAtLogin: true,
      windowBounds: { x: 10, y: 20, width: 900, height: 600 },
      notifications: { pairingRequests: false, sound: true },
    });
    expect(outcome.prefs).not.toHaveProperty("notifyOnPairing");
  });

  it("a current file is read as is and not rewritten", () => {
    const stored = { ...defaultPrefs(), pauseReplies: true };
    expect(migratePrefs(stored)).toEqual({ prefs: stored, from: 2, dropped: [], changed: false });
  });

  it("an invalid value is reset to its default and reported; the rest survives", () => {
    const outcome = migratePrefs({
      ...defaultPrefs(),
      firstRunDone: true,
      windowBounds: { x: 0, y: 0, width: "wide", height: 600 },
      verboseLogging: "yes",
    });
    expect(outcome.prefs.firstRunDone).toBe(true);
    expect(outcome.prefs.windowBounds).toBeUndefined();
    expect(outcome.prefs.verboseLogging).toBe(false);
    expect(outcome.dropped.map((entry) => entry.split(":")[0]).sort()).toEqual([
      "verboseLogging",
      "windowBounds",
    ]);
    expect(outcome.changed).toBe(true);
  });

  it("a file from a newer Pinch is read as far as understood and left alone", () => {
    const outcome = migratePrefs({ ...defaultPrefs(), version: 9, startAtLogin: true, futureKey: 1 });
    expect(outcome.prefs.startAtLogin).toBe(true);
    expect(outcome.from).toBe(9);
    expect(outcome.changed).toBe(false);
  });

  it("whatever is stored, the result satisfies the schema", () => {
    for (const stored of [
      null,
      42,
      "text",
      [],
      { version: "x" },
      { notifications: "on" },
      { version: 1, notifyOnPairing: 3 },
    ]) {
      expect(AppPrefsSchema.safeParse(migratePrefs(stored).prefs).success).toBe(true);
    }
  });
});
