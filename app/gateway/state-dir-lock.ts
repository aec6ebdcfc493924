import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isAlive } from "../state/file-lock.ts";

/**
 * One gateway per state directory: two would watch the same database and
 * answer every message twice. The pid file also tells `pinch pairing approve
 * --notify` whether a gateway will send the notice.
 */
export function gatewayPidPath(stateDir: string): string {
  return join(stateDir, "gateway.pid");
}

export function runningGatewayPid(stateDir: string): number | null {
  try {
    const pid = Number(readFileSync(gatewayPidPath(stateDir), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

export function claimStateDir(
  stateDir: string,
): { ok: true; release: () => void } | { ok: false; pid: number } {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const other = runningGatewayPid(stateDir);
  if (other !== null) return { ok: false, pid: other };
  const path = gatewayPidPath(stateDir);
  writeFileSync(path, String(process.pid), { mode: 0o600 });
  return {
    ok: true,
    release: () => {
      try {
        if (readFileSync(path, "utf8").trim() === String(process.pid)) unlinkSync(path);
      } catch {
        // Already gone: nothing to release.
      }
    },
  };
}
