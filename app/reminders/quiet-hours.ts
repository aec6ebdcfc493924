/**
 * Quiet hours: the part of the day when Pinch sends nothing of its own
 * accord (reminders, scheduled messages); what falls due then waits for the
 * end. Read in the Mac's time zone; a window may cross midnight (22:00–08:00).
 * Pure: `now` is passed in.
 */

export interface QuietHours {
  /** "HH:MM", 24-hour. */
  start: string;
  end: string;
}

/** When the quiet hours around `now` end, or null when `now` is outside them (or they are empty). */
export function quietUntil(quiet: QuietHours | undefined, now: Date): Date | null {
  if (!quiet) return null;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const current = now.getHours() * 60 + now.getMinutes();
  const inside = start < end ? current >= start && current < end : current >= start || current < end;
  if (!inside) return null;
  const until = new Date(now);
  until.setHours(Math.floor(end / 60), end % 60, 0, 0);
  if (until <= now) until.setDate(until.getDate() + 1);
  return until;
}

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(":").map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}
