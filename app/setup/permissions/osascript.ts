import { type ProcessResult, runProcess } from "../../process/run-process.ts";

/**
 * osascript waits while a macOS prompt (Automation) is open, so every script is bounded; the
 * wizard polls again and the prompt stays up for the user to answer.
 */
const defaultAppleScriptTimeoutMs = 20_000;

/**
 * Runs an AppleScript through `osascript`, found on PATH (`/usr/bin` on every Mac). It is spawned
 * directly by the app's own process so macOS attributes the Apple Events, and the Automation
 * grant, to Pinch itself.
 */
export function runAppleScript(
  lines: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<ProcessResult> {
  return runProcess(
    "osascript",
    lines.flatMap((line) => ["-e", line]),
    {
      ...(options.env ? { env: options.env } : {}),
      timeoutMs: options.timeoutMs ?? defaultAppleScriptTimeoutMs,
    },
  );
}
