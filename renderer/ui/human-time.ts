/**
 * The one way the window says when something happened: "just now", "3 min ago", "today at
 * 14:05", "yesterday at 09:12", else the date and time in the Mac's own format.
 */
export function describeWhen(at: string | number | Date, now: number = Date.now()): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  const ago = now - date.getTime();
  // A moment a little ahead of `now` is one the window's clock has not ticked past yet.
  if (ago > -60_000 && ago < 60_000) return "just now";
  if (ago >= 0 && ago < 60 * 60_000) return `${Math.floor(ago / 60_000)} min ago`;
  const time = clockTime(date);
  const today = new Date(now);
  if (sameDay(date, today)) return `today at ${time}`;
  const yesterday = new Date(now);
  yesterday.setDate(today.getDate() - 1);
  if (sameDay(date, yesterday)) return `yesterday at ${time}`;
  const day = date.toLocaleDateString(undefined, {
    day: "numeric",
    month: "short",
    ...(date.getFullYear() === today.getFullYear() ? {} : { year: "numeric" }),
  });
  return `${day} at ${time}`;
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** The time of day as the Mac shows it: "17:05", or "5:05 PM" where the clock has twelve hours. */
export function clockTime(date: Date): string {
  return date.toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });
}
