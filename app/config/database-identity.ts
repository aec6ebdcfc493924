/**
 * Which Messages database an account reads, as far as the config and the
 * program it names can tell. Two running accounts on one database would each
 * answer every message, so validation refuses accounts whose identities match.
 *
 * A `dbPath` names a file on the Mac that runs imsg: the SSH wrapper's
 * `user@host` (or `remoteHost`), else this Mac. Without `dbPath` imsg opens
 * the default database of the user it runs as, which is known only for some
 * programs:
 * - an SSH wrapper: the wrapper's `user@host`;
 * - imsg itself (not a script): this Mac's user, the same file as an explicit
 *   `~/Library/Messages/chat.db`, whichever imsg binary it is;
 * - any other script: whoever it runs imsg as, the same for the same script
 *   reached through any symlink.
 */
import { closeSync, openSync, readSync, realpathSync } from "node:fs";
import path from "node:path";
import { resolveCliPath } from "../imsg/resolve-cli-path.ts";
import { readSshWrapper } from "../ssh/read-ssh-wrapper.ts";
import { DEFAULT_SSH_PORT } from "../ssh/ssh-target.ts";
import type { ResolvedAccount } from "./resolve-accounts.ts";

export interface DatabaseIdentity {
  /** Equal for two accounts that read the same database. */
  key: string;
  /** The database in words, for the error that names both accounts. */
  description: string;
}

/** Where imsg keeps the signed-in user's messages, relative to their home. */
const DEFAULT_DB_IN_HOME = path.join("Library", "Messages", "chat.db");

export function databaseIdentity(
  account: Pick<ResolvedAccount, "cliPath" | "dbPath" | "remoteHost">,
  options: { homedir: string; env: NodeJS.ProcessEnv },
): DatabaseIdentity {
  const { program, script, host } = whereImsgRuns(account, options.env);
  if (account.dbPath !== undefined) {
    const file = host ? account.dbPath : path.resolve(account.dbPath);
    return { key: `${host ?? "local"}\0${file}`, description: host ? `${file} on ${host}` : file };
  }
  if (host) {
    return { key: `${host}\0default`, description: `the default Messages database of ${host}` };
  }
  if (program !== null && !script) {
    const file = path.join(options.homedir, DEFAULT_DB_IN_HOME);
    return { key: `local\0${file}`, description: `the default Messages database, ${file}` };
  }
  if (program === null) {
    return {
      key: `program\0${account.cliPath}`,
      description: `the default Messages database of the user that runs ${account.cliPath}`,
    };
  }
  const shown = program === account.cliPath ? program : `${account.cliPath} (${program})`;
  return {
    key: `program\0${program}`,
    description: `the default Messages database of the user ${shown} runs imsg as`,
  };
}

/** The Mac an account's `dbPath` names a file on: its `user@host`, or undefined for this Mac. */
export function imsgHost(
  account: Pick<ResolvedAccount, "cliPath" | "remoteHost">,
  env: NodeJS.ProcessEnv,
): string | undefined {
  return whereImsgRuns(account, env).host;
}

/** Whether the account's imsg is reached through a wrapper that quotes each argument for the remote shell. */
export function imsgArgumentsQuoted(
  account: Pick<ResolvedAccount, "cliPath" | "remoteHost">,
  env: NodeJS.ProcessEnv,
): boolean {
  return whereImsgRuns(account, env).quoted;
}

function whereImsgRuns(
  account: Pick<ResolvedAccount, "cliPath" | "remoteHost">,
  env: NodeJS.ProcessEnv,
): { program: string | null; script: boolean; host: string | undefined; quoted: boolean } {
  const found = resolveCliPath(account.cliPath, env);
  const program = found === null ? null : realPath(found);
  const script = program !== null && isScript(program);
  const wrapper = script ? readSshWrapper(program) : null;
  const sshHost = wrapper ? destinationOf(wrapper.link.destination, wrapper.link.port) : undefined;
  return {
    program,
    script,
    host: sshHost ?? account.remoteHost?.toLowerCase(),
    quoted: wrapper?.quotesArguments === true,
  };
}

/** `user@host`, with the port when it is not 22: the same user on another port may be another Mac. */
function destinationOf(destination: string, port: number): string {
  const lower = destination.toLowerCase();
  return port === DEFAULT_SSH_PORT ? lower : `${lower}:${port}`;
}

/** Symlinks followed, so `/opt/homebrew/bin/imsg` and its Cellar target are one program. */
function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/** A `#!` script rather than a binary; only the first bytes are read (imsg itself is megabytes). */
function isScript(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head.toString("latin1") === "#!";
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
