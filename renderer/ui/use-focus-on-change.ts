import { useEffect, useRef } from "react";

/**
 * A ref for the heading of what the user just moved to: when `key` changes (the next wizard step,
 * another section) the heading takes the focus, so a screen reader reads where the user is now and
 * Tab goes on from there instead of from the top of the page. On the first render it takes the focus
 * only when `onMount` says the view replaced another one; at launch the focus stays where it is.
 */
export function useFocusOnChange<T extends HTMLElement>(key: string, onMount = false) {
  const ref = useRef<T>(null);
  const shown = useRef<string | undefined>(onMount ? undefined : key);
  useEffect(() => {
    if (shown.current === key) return;
    shown.current = key;
    ref.current?.focus();
  }, [key]);
  return ref;
}
