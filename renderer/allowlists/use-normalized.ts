import { useEffect, useState } from "react";
import type { NormalizedEntry } from "../../app/ipc/view-schemas.ts";
import { useNormalizeHandles } from "../bridge/hooks.ts";

/** How the core reads each entry (E.164, email, chat_id:N, or why it is invalid), kept current as they change. */
export function useNormalized(
  entries: readonly string[],
  accountId: string,
  delayMs = 120,
): Map<string, NormalizedEntry> {
  const normalize = useNormalizeHandles();
  const [map, setMap] = useState<Map<string, NormalizedEntry>>(new Map());
  const key = JSON.stringify(entries);
  useEffect(() => {
    const list = JSON.parse(key) as string[];
    if (list.length === 0) {
      setMap(new Map());
      return;
    }
    let active = true;
    const timer = window.setTimeout(() => {
      void normalize({ entries: list, accountId }).then((result) => {
        if (active && result.ok) setMap(new Map(result.data.entries.map((entry) => [entry.input, entry])));
      });
    }, delayMs);
    return () => {
      active = false;
      window.clearTimeout(timer);
    };
  }, [key, accountId, delayMs, normalize]);
  return map;
}
