import { useEffect, useState } from "react";
import type { LogLine } from "../../app/ipc/view-schemas.ts";
import { useRecentLogs } from "../bridge/hooks.ts";
import { useEvent } from "../bridge/use-channel.ts";

const KEEP = 1_000;

/** The recent log, then every new line as the core writes it. */
export function useLogLines(): LogLine[] {
  const recent = useRecentLogs();
  const [lines, setLines] = useState<LogLine[]>([]);
  useEffect(() => {
    let active = true;
    void recent({ limit: KEEP }).then((result) => {
      if (!active || !result.ok) return;
      // Lines pushed while the first read was in flight are newer: keep them after it.
      setLines((pushed) => {
        const newest = result.data.lines.at(-1)?.seq ?? 0;
        return [...result.data.lines, ...pushed.filter((line) => line.seq > newest)].slice(-KEEP);
      });
    });
    return () => {
      active = false;
    };
  }, [recent]);
  useEvent("log.line", (line) => setLines((current) => [...current, line].slice(-KEEP)));
  return lines;
}
