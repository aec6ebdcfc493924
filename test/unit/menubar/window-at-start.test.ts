import { describe, expect, it } from "vitest";
import { windowAtStart } from "../../../app/menubar/window-at-start.ts";

describe("the window at start", () => {
  it("PINCH_OPEN_WINDOW_AT_START opens it even for a launch at login, at the named view", () => {
    expect(
      windowAtStart({ env: { PINCH_OPEN_WINDOW_AT_START: "1" }, launchedAtLogin: true, firstRunDone: true }),
    ).toBe("status");
    expect(
      windowAtStart({
        env: { PINCH_OPEN_WINDOW_AT_START: "pairing" },
        launchedAtLogin: true,
        firstRunDone: true,
      }),
    ).toBe("pairing");
  });

  it("a launch at login stays in the menu bar", () => {
    expect(windowAtStart({ env: {}, launchedAtLogin: true, firstRunDone: true })).toBeUndefined();
    expect(
      windowAtStart({ env: { PINCH_OPEN_WINDOW_AT_START: "0" }, launchedAtLogin: true, firstRunDone: false }),
    ).toBeUndefined();
  });

  it("the first launch opens setup, later launches the status view", () => {
    expect(windowAtStart({ env: {}, launchedAtLogin: false, firstRunDone: false })).toBe("setup");
    expect(windowAtStart({ env: {}, launchedAtLogin: false, firstRunDone: true })).toBe("status");
  });
});
