import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimateTokens, trimHistory } from "../../../app/agent/token-budget.ts";

const exchange = (index: number, size: number) => [
  { role: "user" as const, text: `q${index} ${"x".repeat(size)}` },
  { role: "assistant" as const, text: `a${index} ${"y".repeat(size)}` },
];

describe("trimHistory", () => {
  it("keeps everything that fits", () => {
    const history = [...exchange(1, 10), ...exchange(2, 10)];
    expect(trimHistory(history, 10_000)).toEqual(history);
  });

  it("drops the oldest first and never starts with the assistant", () => {
    const history = [...exchange(1, 100), ...exchange(2, 100), ...exchange(3, 100)];
    const cost = estimateTokens(history[0]?.text ?? "");
    // Room for three messages: the newest pair plus the previous assistant reply, which is dropped too.
    expect(trimHistory(history, cost * 3 + 1).map((message) => message.text.slice(0, 2))).toEqual([
      "q3",
      "a3",
    ]);
    expect(trimHistory(history, 0)).toEqual([]);
  });

  it("always returns a newest suffix within budget that starts with a user message", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(400), { maxLength: 20 }), fc.nat(2_000), (sizes, budget) => {
        const history = sizes.flatMap((size, index) => exchange(index, size));
        const kept = trimHistory(history, budget);
        expect(history.slice(history.length - kept.length)).toEqual(kept);
        if (kept.length > 0) expect(kept[0]?.role).toBe("user");
        expect(kept.reduce((sum, message) => sum + estimateTokens(message.text), 0)).toBeLessThanOrEqual(
          budget,
        );
      }),
    );
  });
});
