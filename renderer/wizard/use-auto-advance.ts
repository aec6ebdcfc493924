import { useEffect } from "react";

// Long enough to see the check mark before the next step slides in.
const PAUSE_MS = 700;

/** Moves on by itself once `passed` turns true. */
export function useAutoAdvance(passed: boolean, onNext: () => void): void {
  useEffect(() => {
    if (!passed) return;
    const timer = window.setTimeout(onNext, PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [passed, onNext]);
}
