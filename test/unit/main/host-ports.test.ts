import { describe, expect, it } from "vitest";
import type { AppPrefs } from "../../../app/preferences/prefs-schema.ts";
import { openPrefsStore } from "../../../app/preferences/prefs-store.ts";
import { createHostPorts } from "../../../main/host-ports.ts";

function setup(options: { macosAccepts: boolean }) {
  let stored: unknown = {};
  const prefs = openPrefsStore({
    read: () => stored,
    write: (next: AppPrefs) => {
      stored = next;
    },
  });
  let registered = false;
  const loginItem = {
    enabled: () => registered,
    set: (enabled: boolean) => {
      // macOS may refuse (an unsigned build, a managed Mac): the item then stays as it was.
      if (options.macosAccepts) registered = enabled;
    },
  };
  const keys = new Map<string, string>();
  const secrets = {
    set: async (name: string, value: string) => {
      keys.set(name, value);
    },
    resolve: async (ref: string) => keys.get(ref.replace(/^keychain:/, "")) ?? "",
  };
  const ports = createHostPorts({
    prefs,
    loginItem,
    openExternal: async () => true,
    openPath: async () => undefined,
    relaunch: () => undefined,
    chooseFile: async () => undefined,
    secrets,
    versions: { app: "0.1.0" },
    region: "GB",
  });
  return { ports, prefs, keys, isRegistered: () => registered };
}

describe("the app's host ports", () => {
  it("report the Mac's region, the default for phone numbers written without a country code", () => {
    expect(setup({ macosAccepts: true }).ports.region).toBe("GB");
  });

  it("hand the window's model step the keychain the agent reads keys from", async () => {
    const { ports, keys } = setup({ macosAccepts: true });
    await ports.secrets?.set("anthropic", "sk-test");
    expect(keys.get("anthropic")).toBe("sk-test");
    expect(await ports.secrets?.resolve("keychain:anthropic")).toBe("sk-test");
  });

  it("Start at login registers the login item and the preference mirrors it", () => {
    const { ports, prefs, isRegistered } = setup({ macosAccepts: true });
    expect(ports.getPrefs()).toMatchObject({ startAtLogin: false, firstRunDone: false });
    expect(ports.setPrefs({ startAtLogin: true })).toMatchObject({ startAtLogin: true, firstRunDone: false });
    expect(isRegistered()).toBe(true);
    expect(prefs.get().startAtLogin).toBe(true);
  });

  it("reports what macOS accepted, not what was asked", () => {
    const { ports, prefs } = setup({ macosAccepts: false });
    expect(ports.setPrefs({ startAtLogin: true }).startAtLogin).toBe(false);
    expect(prefs.get().startAtLogin).toBe(false);
  });

  it("first-run done is kept in the preferences", () => {
    const { ports, prefs } = setup({ macosAccepts: true });
    ports.setPrefs({ firstRunDone: true });
    expect(prefs.get().firstRunDone).toBe(true);
    expect(ports.getPrefs().firstRunDone).toBe(true);
  });

  it("the window's pause, notification and log switches are the tray's preferences", () => {
    const { ports, prefs } = setup({ macosAccepts: true });
    expect(ports.getPrefs()).toMatchObject({
      pauseReplies: false,
      pairingNotifications: true,
      verboseLogging: false,
    });
    ports.setPrefs({ pauseReplies: true, pairingNotifications: false, verboseLogging: true });
    expect(prefs.get()).toMatchObject({
      pauseReplies: true,
      verboseLogging: true,
      notifications: { pairingRequests: false, sound: true },
    });
    prefs.set({ pauseReplies: false });
    expect(ports.getPrefs().pauseReplies).toBe(false);
  });
});
