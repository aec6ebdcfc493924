import { describe, expect, it } from "vitest";
import { Backoff } from "../../../app/imsg/backoff.ts";

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** `random` pinned to 0.5 means no jitter (the factor is 1 + (r × 0.4 − 0.2)). */
const noJitter = () => 0.5;

describe("Backoff", () => {
  it("starts at about 1 s and doubles up to 60 s", () => {
    const backoff = new Backoff({ random: noJitter, now: clock().now });
    const delays = Array.from({ length: 10 }, () => backoff.next());
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000]);
  });

  it("jitters each delay by at most 20 % and never past 60 s", () => {
    for (const random of [() => 0, () => 0.999_999, Math.random]) {
      const backoff = new Backoff({ random, now: clock().now });
      for (let attempt = 0; attempt < 12; attempt++) {
        const nominal = Math.min(60_000, 1_000 * 2 ** attempt);
        const delay = backoff.next();
        expect(delay).toBeGreaterThanOrEqual(Math.round(nominal * 0.8));
        expect(delay).toBeLessThanOrEqual(Math.min(60_000, Math.round(nominal * 1.2)));
      }
    }
  });

  it("really jitters: two accounts failing together do not retry in lockstep", () => {
    const values = [0.1, 0.9];
    const first = new Backoff({ random: () => values[0] as number });
    const second = new Backoff({ random: () => values[1] as number });
    expect(first.next()).not.toBe(second.next());
  });

  it("starts again at about 1 s after a healthy minute", () => {
    const time = clock();
    const backoff = new Backoff({ random: noJitter, now: time.now });
    for (let i = 0; i < 5; i++) backoff.next();
    backoff.connected();
    time.advance(60_000);
    expect(backoff.next()).toBe(1_000);
    expect(backoff.next()).toBe(2_000);
  });

  it("keeps growing when the child dies within its first minute", () => {
    const time = clock();
    const backoff = new Backoff({ random: noJitter, now: time.now });
    backoff.next();
    backoff.next();
    backoff.connected();
    time.advance(59_999);
    expect(backoff.next()).toBe(4_000);
  });

  it("a healthy minute long ago does not count for a later failure streak", () => {
    const time = clock();
    const backoff = new Backoff({ random: noJitter, now: time.now });
    backoff.connected();
    time.advance(120_000);
    expect(backoff.next()).toBe(1_000);
    // No new connection since: the streak continues even though time passes.
    time.advance(120_000);
    expect(backoff.next()).toBe(2_000);
  });
});
