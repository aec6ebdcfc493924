import { resolveCliPath } from "../../imsg/resolve-cli-path.ts";
import { imsgInstallCommand } from "./homebrew.ts";
import { compareVersions, formatVersion, minimumImsgVersion, parseVersion } from "./imsg-version.ts";
import type { PermissionResult } from "./permission-result.ts";
import { runCommand } from "./run-command.ts";

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
  const outcome = await runCommand(resolved, ["--version"], { env, timeoutMs: options.timeoutMs ?? 15_000 });
  if (outcome.exitCode !== 0) {
    const detail = outcome.timedOut
      ? "it did not answer in time"
      : (outcome.spawnErrorCode ??
        (outcome.stderr.trim().split("\n").pop() || `exit code ${outcome.exitCode}`));
    return {
      status: "denied",
      reason: `${resolved} --version failed: ${detail}.`,
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
      fix: `Update imsg to ${minimumText} or later (\`brew upgrade imsg\`).`,
    };
  }
  if (compareVersions(version, minimum) < 0) {
    return {
      status: "denied",
      reason: `imsg ${formatVersion(version)} at ${resolved} is older than ${minimumText}.`,
      fix: "Update it with `brew upgrade imsg`.",
    };
  }
  return { status: "granted", reason: `imsg ${formatVersion(version)} at ${resolved}.` };
}
