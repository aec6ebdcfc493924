import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Throttle } from "../../../app/channel/throttle.ts";

describe("a throttled task", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs at once, then folds a burst into one run at the end of the interval", () => {
    let runs = 0;
    const throttle = new Throttle(1_000, () => runs++);
    throttle.request();
    expect(runs).toBe(1);
    for (let index = 0; index < 50; index++) throttle.request();
    expect(runs).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(runs).toBe(2);
    vi.advanceTimersByTime(5_000);
    expect(runs).toBe(2);
  });

  it("drops a pending run when stopped", () => {
    let runs = 0;
    const throttle = new Throttle(1_000, () => runs++);
    throttle.request();
    throttle.request();
    throttle.stop();
    vi.advanceTimersByTime(2_000);
    expect(runs).toBe(1);
  });
});
