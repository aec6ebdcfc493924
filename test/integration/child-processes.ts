import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Pids of the live children of `parent` whose command line contains `match` (pgrep: Linux and macOS alike). */
export function childPids(parent: number, match?: string): number[] {
  try {
    const args = ["-P", String(parent), ...(match ? ["-f", match] : [])];
    return execFileSync("pgrep", args, { encoding: "utf8" }).trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // pgrep exits 1 when nothing matches.
    return [];
  }
}

/** The `imsg rpc` children of the gateway running on `stateDir` (from its pid file). */
export function gatewayImsgChildren(stateDir: string): number[] {
  try {
    const gatewayPid = Number(readFileSync(join(stateDir, "gateway.pid"), "utf8").trim());
    return childPids(gatewayPid, "rpc");
  } catch {
    return [];
  }
}
