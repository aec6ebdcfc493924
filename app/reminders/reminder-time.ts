/**
 * When a reminder is due, from what the model passes on: an ISO time (with an
 * offset, or without one for the Mac's own time zone) or the words the owner
 * used ("in 20 minutes", "at 5", "tomorrow morning", "tonight at 9:30").
 * Resolved here rather than by the model, so the model needs no clock and a
 * time is always read in the Mac's time zone. Pure: `now` is passed in.
 */

export type ResolvedTime = { ok: true; at: Date } | { ok: false; problem: string };

/** The hour a part of the day means when no time is given. */
const DAY_PARTS: Record<string, number> = { morning: 8, afternoon: 14, evening: 18, tonight: 20, night: 20 };

const UNITS_MS: Record<string, number> = {
  second: 1_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export function resolveReminderTime(when: string, now: Date): ResolvedTime {
  const phrase = when.trim().toLowerCase().replace(/\s+/g, " ");
  if (ISO_TIME.test(phrase)) {
    const at = new Date(phrase.toUpperCase().replace(" ", "T"));
    return Number.isNaN(at.getTime()) ? unreadable(when) : { ok: true, at };
  }
  const relative = /^in (an?|half an|\d+(?:\.\d+)?) ?(second|minute|hour|day|week)s?$/.exec(phrase);
  if (relative) {
    const count = relative[1] === "half an" ? 0.5 : relative[1]?.startsWith("a") ? 1 : Number(relative[1]);
    return { ok: true, at: new Date(now.getTime() + count * (UNITS_MS[relative[2] as string] as number)) };
  }
  return dayAndClock(phrase, now) ?? unreadable(when);
}

/** "[today|tomorrow|tonight] [morning|afternoon|evening] [at H[:MM][am|pm]]", in any of its short forms. */
function dayAndClock(phrase: string, now: Date): ResolvedTime | null {
  const match =
    /^(?:(today|tomorrow|tonight)\s?)?(?:(?:this |in the )?(morning|afternoon|evening|night)\s?)?(?:at (\d{1,2})(?:[:.](\d{2}))? ?(am|pm)?)?$/.exec(
      phrase,
    );
  if (!match || phrase === "") return null;
  const [, day, part, hourText, minuteText, meridiem] = match;
  const tomorrow = day === "tomorrow";
  const at = new Date(now);
  at.setSeconds(0, 0);
  if (tomorrow) at.setDate(at.getDate() + 1);
  if (hourText === undefined) {
    const hour = DAY_PARTS[part ?? day ?? ""];
    if (hour === undefined) return null;
    at.setHours(hour, 0);
    return at > now ? { ok: true, at } : { ok: false, problem: `${phrase} has passed; give a later time` };
  }
  let hour = Number(hourText);
  const minute = Number(minuteText ?? 0);
  if (hour > 23 || minute > 59 || (meridiem && (hour < 1 || hour > 12))) return null;
  if (meridiem === "pm" && hour < 12) hour += 12;
  if (meridiem === "am" && hour === 12) hour = 0;
  const afternoonish = part === "afternoon" || part === "evening" || part === "night" || day === "tonight";
  if (!meridiem && afternoonish && hour < 12) hour += 12;
  at.setHours(hour, minute);
  if (at > now || tomorrow) return { ok: true, at };
  // "at 5" said after 05:00 means 17:00; said after 17:00, tomorrow's 5.
  if (!meridiem && !part && hour < 12) {
    at.setHours(hour + 12, minute);
    if (at > now) return { ok: true, at };
    at.setHours(hour, minute);
  }
  at.setDate(at.getDate() + 1);
  return { ok: true, at };
}

function unreadable(when: string): ResolvedTime {
  return {
    ok: false,
    problem: `could not read the time "${when}"; give an ISO time like 2026-12-04T17:00 or words like "in 20 minutes", "at 5pm", "tomorrow morning"`,
  };
}

/** "today at 17:00", "tomorrow at 08:00", or "on Sat 12 Dec at 09:30", in the Mac's time zone. */
export function timeInWords(at: Date, now: Date): string {
  const clock = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const days = dayNumber(at) - dayNumber(now);
  if (days === 0) return `today at ${clock}`;
  if (days === 1) return `tomorrow at ${clock}`;
  if (days === -1) return `yesterday at ${clock}`;
  const date = at.toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short" });
  return `on ${date.replace(",", "")} at ${clock}`;
}

/** The clock time alone ("17:00"), for a late reminder's mark. */
export function clockTime(at: Date): string {
  return `${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

function dayNumber(date: Date): number {
  return Math.floor(new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime() / 86_400_000);
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}
