import { type CommandOutcome, runCommand } from "./run-command.ts";

/**
 * Runs an AppleScript through `osascript`, found on PATH (`/usr/bin` on every Mac). It is spawned
 * directly by the app's own process so macOS attributes the Apple Events, and the Automation
 * grant, to Pinch itself.
 */
export function runAppleScript(
  lines: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<CommandOutcome> {
  return runCommand(
    "osascript",
    lines.flatMap((line) => ["-e", line]),
    options,
  );
}
