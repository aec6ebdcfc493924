import { imsgInstallCommand, imsgUpgradeCommand } from "../../imsg/imsg-install.ts";
import { resolveCliPath } from "../../imsg/resolve-cli-path.ts";
import { describeFailure, runProcess } from "../../process/run-process.ts";
import { compareVersions, formatVersion, minimumImsgVersion, parseVersion } from "./imsg-version.ts";
import type { PermissionResult } from "./permission-result.ts";

/** `imsg` is present where `cliPath` points and at least `minimumImsgVersion`. */
export async function checkImsgInstalled(
  cliPath: string,
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; minimum?: string } = {},
): Promise<PermissionResult> {
  const env = options.env ?? process.env;
  const resolved = resolveCliPath(cliPath, env);
  if (!resolved) {
    return {
      status: "denied",
      reason: `imsg was not found (${cliPath}).`,
      fix: `Install it with \`${imsgInstallCommand}\`, or set channels.imessage.cliPath to where it is.`,
    };
  }
  // A wrapper that runs imsg over SSH answers --version too, so this covers remote Macs as well.
  const outcome = await runProcess(resolved, ["--version"], { env, timeoutMs: options.timeoutMs ?? 15_000 });
  if (outcome.exitCode !== 0) {
    return {
      status: "denied",
      reason: `${resolved} --version failed: ${describeFailure(outcome)}.`,
      fix: `Reinstall imsg (\`${imsgInstallCommand}\`); for an SSH wrapper, check that it connects without a prompt.`,
    };
  }
  const minimumText = options.minimum ?? minimumImsgVersion;
  const version = parseVersion(outcome.stdout) ?? parseVersion(outcome.stderr);
  const minimum = parseVersion(minimumText);
  if (!version || !minimum) {
    return {
      status: "not-determined",
      reason: `${resolved} printed no version number: ${outcome.stdout.trim().slice(0, 80) || "(nothing)"}.`,
      fix: `Update imsg to ${minimumText} or later (\`${imsgUpgradeCommand}\`).`,
    };
  }
  if (compareVersions(version, minimum) < 0) {
    return {
      status: "denied",
      reason: `imsg ${formatVersion(version)} at ${resolved} is older than ${minimumText}.`,
      fix: `Update it with \`${imsgUpgradeCommand}\`.`,
    };
  }
  return { status: "granted", reason: `imsg ${formatVersion(version)} at ${resolved}.` };
}
