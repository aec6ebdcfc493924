import { readFileSync } from "node:fs";

/**
 * `remoteHost` from a simple SSH wrapper, when the config does not name one
 * (spec §1): a script whose command is `exec ssh [options] HOST imsg "$@"`.
 * Only that shape is understood; anything cleverer (variables, several
 * commands) returns null and the user sets `remoteHost` explicitly. The host
 * must be plain (`host` or `user@host` of `[A-Za-z0-9._-]`), because it ends
 * up on an scp command line.
 */
const PLAIN_HOST = /^(?:[A-Za-z0-9._][A-Za-z0-9._-]*@)?[A-Za-z0-9._][A-Za-z0-9._-]*$/;
/** ssh options that take a value as the next word. */
const OPTIONS_WITH_VALUE = new Set("BbcDEeFIiJLlmOoPpQRSWw".split("").map((letter) => `-${letter}`));

export function detectRemoteHost(wrapperText: string): string | null {
  const lines = wrapperText
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#") && !/^set\s/.test(line));
  if (lines.length !== 1) return null;
  const words = (lines[0] as string).split(/\s+/).map(unquote);
  if (words[0] === "exec") words.shift();
  const ssh = words.shift();
  if (!ssh || !/(^|\/)ssh$/.test(ssh)) return null;
  let user: string | undefined;
  while (words[0]?.startsWith("-")) {
    const option = words.shift() as string;
    if (OPTIONS_WITH_VALUE.has(option)) {
      const value = words.shift();
      if (option === "-l") user = value;
    }
  }
  const host = words.shift();
  if (!host || !words.some((word) => /(^|\/)imsg$/.test(word))) return null;
  const target = user && !host.includes("@") ? `${user}@${host}` : host;
  return PLAIN_HOST.test(target) ? target : null;
}

/** Reads a wrapper at `cliPath`; a binary or unreadable file is simply not a wrapper. */
export function detectRemoteHostFromFile(cliPath: string): string | null {
  try {
    const text = readFileSync(cliPath, "utf8");
    if (text.includes("\u0000") || !text.startsWith("#!")) return null;
    return detectRemoteHost(text);
  } catch {
    return null;
  }
}

function unquote(word: string): string {
  return word.replace(/^(['"])(.*)\1$/, "$2");
}
