import { describe, expect, it } from "vitest";
import { WatchStallCheck } from "../../../app/channel/watch-stall-check.ts";

describe("WatchStallCheck", () => {
  it("is fine while the watch has delivered the newest row", () => {
    const check = new WatchStallCheck(15_000);
    expect(check.observe(10, 10, 0)).toBe("ok");
    expect(check.observe(10, 12, 60_000)).toBe("ok");
  });

  it("waits out the grace period for a row the watch has not delivered yet", () => {
    const check = new WatchStallCheck(15_000);
    expect(check.observe(11, 10, 0)).toBe("waiting");
    expect(check.observe(11, 10, 14_999)).toBe("waiting");
    expect(check.observe(11, 10, 15_000)).toBe("stalled");
  });

  it("starts over once the late row arrives, even if newer rows are pending by then", () => {
    const check = new WatchStallCheck(15_000);
    expect(check.observe(11, 10, 0)).toBe("waiting");
    // Row 11 arrived; row 12 is new and gets its own grace period.
    expect(check.observe(12, 11, 10_000)).toBe("waiting");
    expect(check.observe(12, 11, 20_000)).toBe("waiting");
    expect(check.observe(12, 11, 25_000)).toBe("stalled");
  });

  it("keeps timing the oldest undelivered row while more rows pile up behind it", () => {
    const check = new WatchStallCheck(15_000);
    check.observe(11, 10, 0);
    check.observe(20, 10, 10_000);
    expect(check.observe(30, 10, 15_000)).toBe("stalled");
  });

  it("forgets after a reset (a new watch)", () => {
    const check = new WatchStallCheck(15_000);
    check.observe(11, 10, 0);
    check.reset();
    expect(check.observe(11, 10, 20_000)).toBe("waiting");
  });
});
