import { clockTime, describeWhen } from "../ui/human-time.ts";

/** When a reminder is due, in words: "in 20 min", "today at 17:00", "tomorrow at 08:00", else the date. */
export function describeDue(at: string, now: number = Date.now()): string {
  const date = new Date(at);
  const ahead = date.getTime() - now;
  if (ahead > 0 && ahead < 60 * 60_000) return `in ${Math.max(1, Math.round(ahead / 60_000))} min`;
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  if (date.toDateString() === tomorrow.toDateString()) {
    return `tomorrow at ${clockTime(date)}`;
  }
  return describeWhen(date, now);
}
