/**
 * Whether an account's imsg has `rpc` at all, asked with `imsg rpc --help`
 * once a child has died before its handshake. An imsg from before `rpc` (0.2.x) would
 * otherwise only ever say "exit 1" to a restart loop.
 *
 * Such an imsg answers `rpc --help` with its root help (exit 0), which lists
 * no `rpc`, and `rpc` itself with "Unknown subcommand 'rpc' for command
 * 'imsg'" (exit 1), both on stdout. Anything else that is not imsg's help
 * (ssh failing in a wrapper, a timeout) is "unknown": the child is started as
 * usual and its own failure is reported.
 */
import { execFile } from "node:child_process";
import { imsgInstallCommand, imsgUpgradeCommand } from "./imsg-install.ts";

export type RpcSupport =
  | { kind: "supported" }
  | { kind: "too-old"; version: string | undefined; evidence: string }
  | { kind: "unknown" };

export interface HelpOutput {
  exitCode: number | null;
  /** stdout and stderr together: a wrapper may move imsg's words to either. */
  text: string;
}

export function classifyRpcHelp(output: HelpOutput): RpcSupport {
  const version = /^imsg (\d+\.\d+\.\d+\S*)/m.exec(output.text)?.[1];
  const refusal = /^.*unknown (sub)?command\b.*\brpc\b.*$/im.exec(output.text)?.[0];
  if (refusal) return { kind: "too-old", version, evidence: refusal.trim() };
  if (output.exitCode !== 0) return { kind: "unknown" };
  // rpc's own help starts "imsg rpc"; a root help that has rpc lists it as "  rpc\t…".
  if (/^\s*imsg rpc\b/m.test(output.text) || /^\s+rpc\s/m.test(output.text)) return { kind: "supported" };
  if (version !== undefined && /^Usage:/m.test(output.text)) {
    return { kind: "too-old", version, evidence: "`imsg rpc --help` lists no rpc command" };
  }
  return { kind: "unknown" };
}

/** Runs `<command> rpc --help` (through a wrapper too); never throws. */
export function probeRpcSupport(
  command: string,
  options: { env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<RpcSupport> {
  return new Promise((resolve) => {
    execFile(
      command,
      ["rpc", "--help"],
      { env: options.env ?? process.env, timeout: options.timeoutMs, maxBuffer: 256 * 1024 },
      (error, stdout, stderr) => {
        const failure = error as (NodeJS.ErrnoException & { killed?: boolean }) | null;
        // Not started, or stopped by the timeout: say nothing about imsg.
        if (failure && (typeof failure.code === "string" || failure.killed)) {
          resolve({ kind: "unknown" });
          return;
        }
        const exitCode = failure ? (typeof failure.code === "number" ? failure.code : null) : 0;
        resolve(classifyRpcHelp({ exitCode, text: `${stdout}\n${stderr}` }));
      },
    );
  });
}

/** What to say about an imsg without rpc, and what to do; `retryMs` when Pinch will look again by itself. */
export function tooOldWords(
  support: Extract<RpcSupport, { kind: "too-old" }>,
  retryMs?: number,
): { lastError: string; fix: string } {
  const build = support.version ? `this imsg (${support.version})` : "this imsg";
  return {
    lastError: `${build} is too old for rpc; upgrade with ${imsgUpgradeCommand}`,
    fix: `Run ${imsgUpgradeCommand} (or ${imsgInstallCommand}) where this imsg runs (for an SSH wrapper, on that Mac, as that user)${
      retryMs === undefined
        ? "."
        : `; Pinch checks again every ${retryMs / 1000} s and starts it once it has rpc.`
    }`,
  };
}
