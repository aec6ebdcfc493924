import { accessSync, constants } from "node:fs";
import { chmod, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { imsgFormula, imsgInstallCommand } from "../../imsg/imsg-install.ts";
import { describeFailure, runProcess } from "../../process/run-process.ts";
import type { PermissionResult } from "./permission-result.ts";

/** Apple silicon, then Intel: a GUI app does not inherit the shell's PATH, so look there first. */
const homebrewPrefixes = ["/opt/homebrew/bin", "/usr/local/bin"];

export function findHomebrew(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const searchPath = (env.PATH ?? "").split(path.delimiter).filter(Boolean);
  for (const dir of [...homebrewPrefixes, ...searchPath]) {
    const candidate = path.join(dir, "brew");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder; try the next.
    }
  }
  return undefined;
}

export function checkHomebrew(env: NodeJS.ProcessEnv = process.env): PermissionResult {
  const brew = findHomebrew(env);
  if (brew) return { status: "granted", reason: `Homebrew is installed at ${brew}.` };
  return {
    status: "denied",
    reason: "Homebrew is not installed.",
    fix: "Install Homebrew (brew.sh), or download imsg from its GitHub releases page and set channels.imessage.cliPath.",
  };
}

/**
 * Opens Terminal running the install command above, so the user sees the install and can
 * answer brew's questions. A `.command` file opened with `open -a Terminal` needs no Automation
 * grant for Terminal, unlike `tell application "Terminal" to do script`.
 */
export async function openImsgInstallInTerminal(
  options: { env?: NodeJS.ProcessEnv; scriptDir?: string } = {},
): Promise<{ ok: true; scriptPath: string } | { ok: false; message: string }> {
  const env = options.env ?? process.env;
  const brew = findHomebrew(env);
  if (!brew)
    return { ok: false, message: "Homebrew is not installed, so imsg cannot be installed with brew." };
  const dir = options.scriptDir ?? (await mkdtemp(path.join(os.tmpdir(), "pinch-install-")));
  const scriptPath = path.join(dir, "install-imsg.command");
  await writeFile(scriptPath, installScript(brew), { mode: 0o700 });
  await chmod(scriptPath, 0o700);
  const outcome = await runProcess("open", ["-a", "Terminal", scriptPath], { env, timeoutMs: 10_000 });
  if (outcome.exitCode === 0) return { ok: true, scriptPath };
  return {
    ok: false,
    message: `Could not open Terminal: ${describeFailure(outcome)}. Run \`${imsgInstallCommand}\` yourself.`,
  };
}

export function installScript(brewPath: string): string {
  return [
    "#!/bin/sh",
    `echo "Installing imsg for Pinch: ${imsgInstallCommand}"`,
    `'${brewPath.replaceAll("'", "'\\''")}' install ${imsgFormula}`,
    "status=$?",
    'if [ "$status" -eq 0 ]; then echo "Done. Return to Pinch, which checks again by itself."; fi',
    'exit "$status"',
    "",
  ].join("\n");
}
