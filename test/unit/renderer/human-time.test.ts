import { describe, expect, it } from "vitest";
import { describeWhen } from "../../../renderer/ui/human-time.ts";

const now = new Date(2026, 11, 4, 14, 30).getTime();
const at = (day: number, hour: number, minute: number, year = 2026) => new Date(year, 11, day, hour, minute);
const clock = (date: Date) => date.toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });

describe("when something happened, in words", () => {
  it("the last minute is just now", () => {
    expect(describeWhen(now - 20_000, now)).toBe("just now");
  });

  it("the last hour counts minutes", () => {
    expect(describeWhen(new Date(now - 3 * 60_000).toISOString(), now)).toBe("3 min ago");
  });

  it("earlier today and yesterday say the day and the local time", () => {
    expect(describeWhen(at(4, 9, 5), now)).toBe(`today at ${clock(at(4, 9, 5))}`);
    expect(describeWhen(at(3, 22, 40), now)).toBe(`yesterday at ${clock(at(3, 22, 40))}`);
  });

  it("a later time today is today at that time", () => {
    expect(describeWhen(at(4, 15, 0), now)).toBe(`today at ${clock(at(4, 15, 0))}`);
  });

  it("an older date names the day, and the year only when it is not this one", () => {
    expect(describeWhen(at(1, 8, 0), now)).not.toMatch(/2026/);
    expect(describeWhen(at(1, 8, 0, 2025), now)).toMatch(/2025/);
  });

  it("text that is not a time is shown as it is", () => {
    expect(describeWhen("soon", now)).toBe("soon");
  });
});
