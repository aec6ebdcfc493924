import { runAppleScript } from "./osascript.ts";
import { appleEventErrors, parseOsascriptError } from "./osascript-error.ts";
import type { PermissionResult } from "./permission-result.ts";
import type { CommandOutcome } from "./run-command.ts";
import { settingsUrl } from "./settings-links.ts";

/** The smallest Apple Event that needs the Automation grant; its first run shows the macOS prompt. */
export const automationProbeScript = 'tell application "Messages" to get name';

/**
 * osascript waits while the macOS prompt is open, so the check is bounded; the wizard polls again
 * and the prompt stays up for the user to answer.
 */
export const defaultAutomationTimeoutMs = 20_000;

const automationFix =
  "Allow Pinch to control Messages in System Settings → Privacy & Security → Automation → Pinch → Messages.";

export async function checkAutomation(
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<PermissionResult> {
  const outcome = await runAppleScript([automationProbeScript], {
    ...(options.env ? { env: options.env } : {}),
    timeoutMs: options.timeoutMs ?? defaultAutomationTimeoutMs,
  });
  return describeAutomationOutcome(outcome);
}

export function describeAutomationOutcome(outcome: CommandOutcome): PermissionResult {
  const unavailable = osascriptUnavailable(outcome);
  if (unavailable) return unavailable;
  if (outcome.timedOut) {
    return {
      status: "not-determined",
      reason: "macOS is asking whether Pinch may control Messages.",
      fix: "Click OK in the prompt that asks about Pinch and Messages.",
    };
  }
  if (outcome.exitCode === 0) return { status: "granted", reason: "Pinch may control Messages." };
  const error = parseOsascriptError(outcome.stderr);
  switch (error.code) {
    case appleEventErrors.notPermitted:
      return {
        status: "denied",
        reason: "macOS does not let Pinch control Messages (-1743).",
        fix: automationFix,
        settingsUrl: settingsUrl("Privacy_Automation"),
      };
    case appleEventErrors.wouldRequireConsent:
    case appleEventErrors.timeout:
      return {
        status: "not-determined",
        reason: `macOS has not recorded an answer for Pinch controlling Messages (${error.code}).`,
        fix: "Check again and click OK in the prompt; if none appears, use the Automation settings.",
        settingsUrl: settingsUrl("Privacy_Automation"),
      };
    case appleEventErrors.notRunning:
      return {
        status: "not-determined",
        reason: "Messages is not running, so macOS could not ask about it (-600).",
        fix: "Open Messages, then check again.",
      };
    default:
      return {
        status: "not-determined",
        reason: `osascript failed: ${error.message || `exit code ${outcome.exitCode}`}`,
        fix: "Open Messages, then check again.",
      };
  }
}

/** Without osascript there is no Automation to grant: this is not a Mac. */
export function osascriptUnavailable(outcome: CommandOutcome): PermissionResult | undefined {
  if (outcome.spawnErrorCode === undefined) return undefined;
  if (outcome.spawnErrorCode === "ENOENT") {
    return {
      status: "not-applicable",
      reason: "osascript is not installed: Automation exists only on macOS.",
    };
  }
  return {
    status: "not-determined",
    reason: `osascript could not start (${outcome.spawnErrorCode}).`,
    fix: "Check that /usr/bin/osascript runs, then check again.",
  };
}
