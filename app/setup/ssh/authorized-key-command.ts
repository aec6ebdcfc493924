/**
 * The commands that let Pinch's key log in as the bot: appended once to the
 * bot's `~/.ssh/authorized_keys`, with the modes sshd's StrictModes insists
 * on (folder 0700, file 0600, both owned by the bot).
 */

import { type ProcessResult, runProcess } from "../../process/run-process.ts";
import { isPlainName } from "../../ssh/ssh-target.ts";
import { shellQuote } from "./shell-quote.ts";
import { isPublicKeyLine } from "./ssh-key.ts";

export type CommandResult = { ok: true; command: string } | { ok: false; message: string };

/** The key install for a second user on this Mac: the script the bot runs, and the sudo line that runs it. */
export interface LocalInstall {
  botUser: string;
  home: string;
  /** The steps, run by the bot itself. */
  script: string;
  /** What an administrator pastes into Terminal: `script` under `sudo -u <bot>`. */
  command: string;
}

export type LocalInstallResult = ({ ok: true } & LocalInstall) | { ok: false; message: string };

/**
 * For a second user on this Mac. Everything runs as the bot (`sudo -u`), never
 * as root: the bot owns its home and can swap anything in it for a link at
 * any moment, so a root step there could be turned on a root-owned file. As
 * the bot, a planted link reaches only what the bot could write anyway, and
 * `umask 077` makes what it creates private without any chown.
 * `homeDir` defaults to `/Users/<bot>`.
 */
export function localBotInstallCommand(input: {
  botUser: string;
  publicKey: string;
  homeDir?: string;
}): LocalInstallResult {
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
  const dir = shellQuote(`${home}/.ssh`);
  const file = shellQuote(`${home}/.ssh/authorized_keys`);
  const key = shellQuote(input.publicKey);
  const script = [
    "umask 077",
    `mkdir -p ${dir}`,
    `chmod 700 ${dir}`,
    `touch ${file}`,
    `chmod 600 ${file}`,
    `{ grep -qxF ${key} ${file} || printf '%s\\n' ${key} >> ${file}; }`,
  ].join(" && ");
  return {
    ok: true,
    botUser: input.botUser,
    home,
    script,
    command: `sudo -u ${input.botUser} -H /bin/sh -c ${shellQuote(script)}`,
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

/**
 * `osascript` arguments that run `command` as root behind macOS's standard
 * administrator prompt. Used only when the user asks Pinch to do it for them.
 */
export function adminPromptArgs(command: string): string[] {
  const appleScriptString = `"${command.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
  return ["-e", `do shell script ${appleScriptString} with administrator privileges`];
}

/**
 * Runs the local install as the bot: `command` (sudo) behind the administrator
 * prompt on macOS when asked, or, when Pinch already runs as root (as in CI)
 * or as the bot, the script directly under the bot's uid and gid.
 */
export async function runLocalInstallCommand(
  install: LocalInstall,
  elevation: "admin-prompt" | "none",
): Promise<ProcessResult> {
  if (elevation === "admin-prompt") {
    return runProcess("/usr/bin/osascript", adminPromptArgs(install.command), { timeoutMs: 5 * 60_000 });
  }
  const ids = await userIds(install.botUser);
  if ("failed" in ids) return ids.failed;
  const asOther = ids.uid !== process.getuid?.();
  return runProcess("/bin/sh", ["-c", install.script], {
    timeoutMs: 30_000,
    env: { PATH: "/usr/bin:/bin:/usr/sbin:/sbin", HOME: install.home, USER: install.botUser },
    ...(asOther ? { uid: ids.uid, gid: ids.gid } : {}),
  });
}

async function userIds(user: string): Promise<{ uid: number; gid: number } | { failed: ProcessResult }> {
  const uid = await runProcess("/usr/bin/id", ["-u", user], { timeoutMs: 10_000 });
  if (uid.exitCode !== 0) return { failed: uid };
  const gid = await runProcess("/usr/bin/id", ["-g", user], { timeoutMs: 10_000 });
  if (gid.exitCode !== 0) return { failed: gid };
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}
