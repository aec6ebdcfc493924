/**
 * An SSH wrapper script (an account's `cliPath` that runs imsg on another
 * user or Mac), read once for two things: its ssh settings, so scp and the
 * link probe reach the same Mac with the same key and known_hosts as `imsg`
 * does, and `remoteHost` when the config does not name one (spec §1).
 * Understands one `exec ssh [options] HOST COMMAND…` command with POSIX
 * quoting, continued over lines with a trailing `\` as the reference's bot-user
 * wrapper is (hand-written wrappers), or after the block that quotes the
 * arguments for the remote shell (what `renderWrapperScript` writes);
 * anything cleverer (variables, several commands) yields null and the user
 * sets `remoteHost` explicitly.
 */
import { readFileSync } from "node:fs";
import { withoutArgumentQuoting } from "./remote-arguments.ts";
import { DEFAULT_SSH_PORT, parseSshTarget } from "./ssh-target.ts";

export interface WrapperLink {
  /** `host` or `user@host` as written. */
  destination: string;
  port: number;
  identityFile: string | undefined;
  knownHostsFile: string | undefined;
  connectTimeoutSeconds: number | undefined;
}

export interface SshWrapper {
  link: WrapperLink;
  /**
   * The destination, when the remote command runs imsg and the destination is
   * a plain `host` or `user@host` (it ends up on an scp command line); else null.
   */
  remoteHost: string | null;
  /** The wrapper quotes each argument for the remote shell (the block Pinch writes, as written). */
  quotesArguments: boolean;
}

/** ssh options that take a value, attached (`-p22`) or as the next word. */
const OPTIONS_WITH_VALUE = new Set("BbcDEeFIiJLlmOoPpQRSWw".split("").map((letter) => `-${letter}`));

export function parseSshWrapper(text: string): SshWrapper | null {
  const trimmed = logicalLines(text).map((line) => line.trim());
  const unquoted = withoutArgumentQuoting(trimmed);
  const quotesArguments = unquoted.length < trimmed.length;
  const lines = unquoted.filter((line) => line !== "" && !line.startsWith("#") && !/^set\s/.test(line));
  if (lines.length !== 1) return null;
  const words = splitShellWords(lines[0] as string);
  if (!words) return null;
  if (words[0] === "exec") words.shift();
  if (!/(^|\/)ssh$/.test(words.shift() ?? "")) return null;
  const link: WrapperLink = {
    destination: "",
    port: DEFAULT_SSH_PORT,
    identityFile: undefined,
    knownHostsFile: undefined,
    connectTimeoutSeconds: undefined,
  };
  let user: string | undefined;
  while (words[0]?.startsWith("-")) {
    const word = words.shift() as string;
    // As for ssh itself: after `--` the next word is the destination, even one starting with "-".
    if (word === "--") break;
    const flag = word.slice(0, 2);
    if (!OPTIONS_WITH_VALUE.has(flag)) continue;
    const value = word.length > 2 ? word.slice(2) : words.shift();
    if (value === undefined) return null;
    if (flag === "-i") link.identityFile = value;
    else if (flag === "-p") link.port = Number(value);
    else if (flag === "-l") user = value;
    else if (flag === "-o") applyOption(link, value);
  }
  const host = words.shift();
  if (!host || !Number.isInteger(link.port)) return null;
  link.destination = user && !host.includes("@") ? `${user}@${host}` : host;
  const runsImsg = words.some((word) => /(^|\/)imsg$/.test(word));
  const remoteHost = runsImsg && parseSshTarget(link.destination).ok ? link.destination : null;
  return { link, remoteHost, quotesArguments };
}

/**
 * The script's commands, one per line: the shell drops a backslash-newline,
 * so a command continued over several lines is one line to it. A comment
 * ends at its newline, backslash or not.
 */
export function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let pending: string | null = null;
  for (const raw of text.split("\n")) {
    const line: string = pending === null ? raw : pending + raw;
    if (pending === null && line.trim().startsWith("#")) {
      lines.push(line);
      continue;
    }
    // An even run of backslashes is escaped backslashes, not a continuation.
    const trailing = /\\*$/.exec(line)?.[0].length ?? 0;
    if (trailing % 2 === 1) {
      pending = line.slice(0, -1);
      continue;
    }
    pending = null;
    lines.push(line);
  }
  if (pending !== null) lines.push(pending);
  return lines;
}

/** Reads the wrapper at `cliPath`; a binary or unreadable file is simply not a wrapper. */
export function readSshWrapper(cliPath: string): SshWrapper | null {
  try {
    const text = readFileSync(cliPath, "utf8");
    return text.startsWith("#!") && !text.includes("\u0000") ? parseSshWrapper(text) : null;
  } catch {
    return null;
  }
}

function applyOption(link: WrapperLink, option: string): void {
  const match = /^([A-Za-z]+)\s*[=\s]\s*(.*)$/.exec(option);
  if (!match) return;
  const key = (match[1] as string).toLowerCase();
  const value = (match[2] as string).replace(/^"(.*)"$/, "$1");
  if (key === "userknownhostsfile") link.knownHostsFile = value;
  else if (key === "identityfile") link.identityFile = value;
  else if (key === "port") link.port = Number(value);
  else if (key === "connecttimeout") link.connectTimeoutSeconds = Number(value);
}

/** POSIX word splitting for one line: quotes and backslashes; null on `$`-expansions we cannot evaluate (except "$@"). */
export function splitShellWords(line: string): string[] | null {
  const words: string[] = [];
  let current = "";
  let inWord = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index] as string;
    if (char === "'") {
      const end = line.indexOf("'", index + 1);
      if (end === -1) return null;
      current += line.slice(index + 1, end);
      index = end;
      inWord = true;
    } else if (char === '"') {
      let end = index + 1;
      let quoted = "";
      while (end < line.length && line[end] !== '"') {
        if (line[end] === "\\" && end + 1 < line.length && '"\\$`'.includes(line[end + 1] as string)) end++;
        quoted += line[end];
        end++;
      }
      if (end >= line.length) return null;
      if (quoted.includes("$") && quoted !== "$@") return null;
      current += quoted === "$@" ? "\u0000@" : quoted;
      index = end;
      inWord = true;
    } else if (char === "\\") {
      current += line[index + 1] ?? "";
      index++;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
    } else {
      if (char === "$" || char === "`" || char === ";" || char === "|" || char === "&") return null;
      current += char;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}
