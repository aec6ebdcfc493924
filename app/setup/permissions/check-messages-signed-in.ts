import { osascriptUnavailable } from "./check-automation.ts";
import { runAppleScript } from "./osascript.ts";
import { appleEventErrors, parseOsascriptError } from "./osascript-error.ts";
import type { PermissionResult } from "./permission-result.ts";
import { settingsUrl } from "./settings-links.ts";

/**
 * One line per Messages account: its service type and whether it is enabled. Messages' dictionary
 * calls them `account` since macOS 11; a signed-out iMessage account is listed but not enabled.
 */
export const signedInProbeScript = [
  'tell application "Messages"',
  'set report to ""',
  "repeat with acct in accounts",
  "set report to report & (service type of acct as text) & tab & (enabled of acct as text) & linefeed",
  "end repeat",
  "return report",
  "end tell",
];

export interface MessagesAccountLine {
  service: string;
  enabled: boolean;
}

export function parseAccountLines(stdout: string): MessagesAccountLine[] {
  return stdout
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [service = "", enabled = ""] = line.split("\t");
      return { service: service.trim(), enabled: enabled.trim().toLowerCase() === "true" };
    });
}

export async function checkMessagesSignedIn(
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<PermissionResult> {
  const outcome = await runAppleScript(signedInProbeScript, options);
  const unavailable = osascriptUnavailable(outcome);
  if (unavailable) return unavailable;
  if (outcome.timedOut) {
    return {
      status: "not-determined",
      reason: "Messages did not answer in time (it may be waiting on the Automation prompt).",
      fix: "Answer the prompt about Pinch and Messages, then check again.",
    };
  }
  if (outcome.exitCode !== 0) {
    const error = parseOsascriptError(outcome.stderr);
    if (error.code === appleEventErrors.notPermitted) {
      return {
        status: "not-determined",
        reason: "Pinch cannot ask Messages about its accounts until Automation is allowed.",
        fix: "Allow Automation for Messages first.",
        settingsUrl: settingsUrl("Privacy_Automation"),
      };
    }
    return {
      status: "not-determined",
      reason: `Messages did not list its accounts: ${error.message || `exit code ${outcome.exitCode}`}`,
      fix: "Open Messages, then check again.",
    };
  }
  const accounts = parseAccountLines(outcome.stdout);
  if (accounts.some((account) => account.enabled && account.service.toLowerCase() === "imessage")) {
    return { status: "granted", reason: "Messages is signed in to iMessage." };
  }
  return {
    status: "denied",
    reason: accounts.length === 0 ? "Messages has no accounts." : "Messages has no enabled iMessage account.",
    fix: "Open Messages → Settings → iMessage, sign in with your Apple Account and enable the account.",
  };
}
