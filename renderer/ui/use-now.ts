import { useEffect, useState } from "react";

/** The current time, refreshed every `everyMs`, for ages and countdowns. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function describeDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return "less than a minute";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}

export function describeAge(ms: number): string {
  return ms < 60_000 ? "just now" : `${describeDuration(ms)} ago`;
}

/** A moment as a person says it: "just now", "12 min ago", "today at 09:41", "yesterday at 18:02", a date. */
export function describeMoment(iso: string, now: number): string {
  const at = new Date(iso);
  const ms = now - at.getTime();
  if (Number.isNaN(ms)) return iso;
  if (ms < 60 * 60_000) return describeAge(Math.max(0, ms));
  const time = at.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  const today = new Date(now);
  const yesterday = new Date(now - 24 * 60 * 60_000);
  if (at.toDateString() === today.toDateString()) return `today at ${time}`;
  if (at.toDateString() === yesterday.toDateString()) return `yesterday at ${time}`;
  return at.toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });
}
