/**
 * The commands that let Pinch's key log in as the bot: appended once to the
 * bot's `~/.ssh/authorized_keys`, with the ownership and modes sshd's
 * StrictModes insists on (folder 0700, file 0600, both owned by the bot).
 */

import { type ProcessResult, runProcess } from "../../process/run-process.ts";
import { isPlainName } from "../../ssh/ssh-target.ts";
import { shellQuote } from "./shell-quote.ts";
import { isPublicKeyLine } from "./ssh-key.ts";

export type CommandResult = { ok: true; command: string } | { ok: false; message: string };

/**
 * For a second user on this Mac, run by an administrator (it writes into
 * another user's home). `homeDir` defaults to `/Users/<bot>`.
 */
export function localBotInstallCommand(input: {
  botUser: string;
  publicKey: string;
  homeDir?: string;
}): CommandResult {
  if (!isPlainName(input.botUser)) {
    return {
      ok: false,
      message: `the bot user name ${JSON.stringify(input.botUser)} may only use letters, digits, ".", "_" and "-"`,
    };
  }
  if (!isPublicKeyLine(input.publicKey))
    return { ok: false, message: "that is not a single OpenSSH public key line" };
  const home = input.homeDir ?? `/Users/${input.botUser}`;
  if (!/^\/[A-Za-z0-9._/ -]*$/.test(home) || home.split("/").includes("..")) {
    return { ok: false, message: `the home folder ${JSON.stringify(home)} is not a plain absolute path` };
  }
  const user = input.botUser;
  const dir = shellQuote(`${home}/.ssh`);
  const file = shellQuote(`${home}/.ssh/authorized_keys`);
  const key = shellQuote(input.publicKey);
  const owner = `${user}:"$(id -gn ${user})"`;
  return {
    ok: true,
    command: [
      // Run as root in someone else's home: never follow a link they may have planted there.
      `test ! -h ${dir}`,
      `test ! -h ${file}`,
      `mkdir -p ${dir}`,
      `touch ${file}`,
      `{ grep -qxF ${key} ${file} || printf '%s\\n' ${key} >> ${file}; }`,
      `chown ${owner} ${dir} ${file}`,
      `chmod 700 ${dir}`,
      `chmod 600 ${file}`,
    ].join(" && "),
  };
}

/** For a remote Mac: run there, logged in as the bot user (over an existing ssh session or at the Mac). */
export function remoteInstallCommand(publicKey: string): CommandResult {
  if (!isPublicKeyLine(publicKey))
    return { ok: false, message: "that is not a single OpenSSH public key line" };
  const key = shellQuote(publicKey);
  return {
    ok: true,
    command: [
      "mkdir -p ~/.ssh",
      "chmod 700 ~/.ssh",
      "touch ~/.ssh/authorized_keys",
      "chmod 600 ~/.ssh/authorized_keys",
      `{ grep -qxF ${key} ~/.ssh/authorized_keys || printf '%s\\n' ${key} >> ~/.ssh/authorized_keys; }`,
    ].join(" && "),
  };
}

/** What the user pastes into Terminal on this Mac: the local command under sudo. */
export function withSudo(command: string): string {
  return `sudo sh -c ${shellQuote(command)}`;
}

/**
 * `osascript` arguments that run `command` as root behind macOS's standard
 * administrator prompt. Used only when the user asks Pinch to do it for them.
 */
export function adminPromptArgs(command: string): string[] {
  const appleScriptString = `"${command.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
  return ["-e", `do shell script ${appleScriptString} with administrator privileges`];
}

/**
 * Runs the local install command: through the administrator prompt on macOS
 * when asked, or directly when Pinch already runs with the rights (root, as in CI).
 */
export function runLocalInstallCommand(
  command: string,
  elevation: "admin-prompt" | "none",
): Promise<ProcessResult> {
  if (elevation === "admin-prompt") {
    return runProcess("/usr/bin/osascript", adminPromptArgs(command), { timeoutMs: 5 * 60_000 });
  }
  return runProcess("/bin/sh", ["-c", command], { timeoutMs: 30_000 });
}
