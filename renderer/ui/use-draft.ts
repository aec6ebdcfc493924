import { useEffect, useRef, useState } from "react";

/**
 * A field's draft of a saved value. The draft follows the saved value (a change from the
 * chat, the config file or the field's own save) only while the user has not typed over it:
 * a config push that lands mid-edit must not wipe what is being typed.
 */
export function useDraft(saved: string): [string, (next: string) => void] {
  const [draft, setDraft] = useState(saved);
  const lastSaved = useRef(saved);
  useEffect(() => {
    const previous = lastSaved.current;
    lastSaved.current = saved;
    setDraft((current) => (current === previous ? saved : current));
  }, [saved]);
  return [draft, setDraft];
}
