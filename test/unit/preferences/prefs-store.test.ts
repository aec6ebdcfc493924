import { describe, expect, it } from "vitest";
import type { AppPrefs } from "../../../app/preferences/prefs-schema.ts";
import { openPrefsStore, type PrefsBackend } from "../../../app/preferences/prefs-store.ts";

function memoryBackend(initial: unknown): PrefsBackend & { stored: unknown; writes: number } {
  const backend = {
    stored: initial,
    writes: 0,
    read: () => backend.stored,
    write(prefs: AppPrefs) {
      backend.stored = structuredClone(prefs);
      backend.writes++;
    },
  };
  return backend;
}

describe("the preferences store", () => {
  it("writes the migrated preferences back once when opened", () => {
    const backend = memoryBackend({ notifyOnPairing: false });
    const migrations: unknown[] = [];
    const store = openPrefsStore(backend, (info) => migrations.push(info));
    expect(backend.writes).toBe(1);
    expect(store.get().notifications.pairingRequests).toBe(false);
    expect(migrations).toEqual([{ from: 1, dropped: [] }]);
    openPrefsStore(backend);
    expect(backend.writes).toBe(1);
  });

  it("a patch changes only its keys, merges notification switches and tells listeners", () => {
    const backend = memoryBackend({});
    const store = openPrefsStore(backend);
    const seen: [boolean, boolean][] = [];
    store.subscribe((prefs, previous) => seen.push([previous.pauseReplies, prefs.pauseReplies]));
    store.set({ firstRunDone: true });
    store.set({ pauseReplies: true, notifications: { sound: false } });
    expect(store.get()).toMatchObject({
      firstRunDone: true,
      pauseReplies: true,
      notifications: { pairingRequests: true, sound: false },
    });
    expect(backend.stored).toEqual(store.get());
    expect(seen).toEqual([
      [false, false],
      [false, true],
    ]);
  });

  it("an invalid patch is refused and nothing is stored", () => {
    const backend = memoryBackend({});
    const store = openPrefsStore(backend);
    const writes = backend.writes;
    expect(() => store.set({ startAtLogin: "yes" } as never)).toThrow();
    expect(() => store.set({ version: 3 } as never)).toThrow();
    expect(backend.writes).toBe(writes);
    expect(store.get().startAtLogin).toBe(false);
  });
});
