import { describe, expect, it } from "vitest";
import { quietUntil } from "../../../app/reminders/quiet-hours.ts";
import { resolveReminderTime, timeInWords } from "../../../app/reminders/reminder-time.ts";

// Local times: these read the clock of the machine's time zone, as the Mac does.
const at = (hours: number, minutes = 0, dayOffset = 0) =>
  new Date(2026, 11, 4 + dayOffset, hours, minutes, 0, 0);
const now = at(10, 30);

function resolved(when: string, from = now): Date {
  const result = resolveReminderTime(when, from);
  if (!result.ok) throw new Error(result.problem);
  return result.at;
}

describe("reading when a reminder is due", () => {
  it("counts a relative time from now", () => {
    expect(resolved("in 20 minutes")).toEqual(at(10, 50));
    expect(resolved("in an hour")).toEqual(at(11, 30));
    expect(resolved("in half an hour")).toEqual(at(11, 0));
  });

  it('reads "at 5" said in the morning as 17:00, and "at 11" as today\'s 11:00', () => {
    expect(resolved("at 5")).toEqual(at(17));
    expect(resolved("at 11")).toEqual(at(11));
  });

  it("reads an hour that has passed today as tomorrow's", () => {
    expect(resolved("at 9am")).toEqual(at(9, 0, 1));
    expect(resolved("at 5", at(18))).toEqual(at(5, 0, 1));
  });

  it("reads parts of the day and tomorrow", () => {
    expect(resolved("tomorrow morning")).toEqual(at(8, 0, 1));
    expect(resolved("tonight at 9:30")).toEqual(at(21, 30));
    expect(resolved("this evening")).toEqual(at(18));
    expect(resolved("tomorrow at 7pm")).toEqual(at(19, 0, 1));
  });

  it("reads an ISO time without an offset in the Mac's time zone", () => {
    expect(resolved("2026-12-04T17:00")).toEqual(at(17));
  });

  it("says what it could not read and how to say it", () => {
    const result = resolveReminderTime("when the cows come home", now);
    expect(result).toEqual({ ok: false, problem: expect.stringContaining('"in 20 minutes"') });
  });

  it("names the day in words", () => {
    expect(timeInWords(at(17), now)).toBe("today at 17:00");
    expect(timeInWords(at(8, 0, 1), now)).toBe("tomorrow at 08:00");
    expect(timeInWords(at(9, 30, 3), now)).toMatch(/^on Mon 7 Dec at 09:30$/);
  });
});

describe("quiet hours", () => {
  const night = { start: "22:00", end: "08:00" };

  it("hold what falls due across midnight until their end", () => {
    expect(quietUntil(night, at(23))).toEqual(at(8, 0, 1));
    expect(quietUntil(night, at(6, 15))).toEqual(at(8));
  });

  it("let everything through outside them, and when start equals end", () => {
    expect(quietUntil(night, at(8))).toBeNull();
    expect(quietUntil(night, at(21, 59))).toBeNull();
    expect(quietUntil({ start: "09:00", end: "09:00" }, at(9))).toBeNull();
  });

  it("work within one day too", () => {
    expect(quietUntil({ start: "12:00", end: "14:00" }, at(13))).toEqual(at(14));
  });
});
