import type { ProcessResult } from "../../process/run-process.ts";
import { runAppleScript } from "./osascript.ts";
import { appleEventErrors, parseOsascriptError } from "./osascript-error.ts";
import type { PermissionResult } from "./permission-result.ts";
import { settingsUrl } from "./settings-links.ts";

/** The smallest Apple Event that needs the Automation grant; its first run shows the macOS prompt. */
export const automationProbeScript = 'tell application "Messages" to get name';

const automationFix =
  "Allow Pinch to control Messages in System Settings → Privacy & Security → Automation → Pinch → Messages.";

export async function checkAutomation(
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<PermissionResult> {
  return describeAutomationOutcome(await runAppleScript([automationProbeScript], options));
}

export function describeAutomationOutcome(outcome: ProcessResult): PermissionResult {
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
export function osascriptUnavailable(outcome: ProcessResult): PermissionResult | undefined {
  if (!outcome.spawnError) return undefined;
  if (outcome.spawnError.code === "ENOENT") {
    return {
      status: "not-applicable",
      reason: "osascript is not installed: Automation exists only on macOS.",
    };
  }
  return {
    status: "not-determined",
    reason: `osascript could not start (${outcome.spawnError.code}).`,
    fix: "Check that /usr/bin/osascript runs, then check again.",
  };
}
