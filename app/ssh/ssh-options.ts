import { DEFAULT_SSH_PORT } from "./ssh-target.ts";

/**
 * The ssh settings Pinch uses for every connection to the bot's Mac: its own
 * key and known_hosts, never a prompt (a prompt would hang the gateway), and
 * a host key that must match the one the user confirmed.
 */
export interface SshLink {
  /** Private key file; ssh reads only this one (`IdentitiesOnly`). */
  identityFile: string;
  /** Pinch's own known_hosts, holding the host key the user confirmed. */
  knownHostsFile: string;
  port: number;
  connectTimeoutSeconds: number;
}

export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

/** After connecting, the time left to log in and run a short command such as `true`. */
const COMMAND_MARGIN_SECONDS = 10;

/** The bound for one short ssh command: its ConnectTimeout, then the margin. */
export function sshCommandTimeoutMs(connectTimeoutSeconds: number): number {
  return (connectTimeoutSeconds + COMMAND_MARGIN_SECONDS) * 1000;
}

/** `-o` options common to ssh and scp, as an argument list (never through a shell). */
export function sshOptionArgs(link: SshLink): string[] {
  return [
    "-o",
    "BatchMode=yes",
    "-o",
    `ConnectTimeout=${link.connectTimeoutSeconds}`,
    "-o",
    "IdentitiesOnly=yes",
    "-i",
    link.identityFile,
    "-o",
    `UserKnownHostsFile=${quoteOptionPath(link.knownHostsFile)}`,
    "-o",
    "StrictHostKeyChecking=yes",
  ];
}

/**
 * The same options for a link read back from a wrapper, which may have been
 * written by hand without a key or known_hosts of Pinch's: those then come
 * from the user's own ssh configuration.
 */
export function wrapperOptionArgs(link: {
  identityFile: string | undefined;
  knownHostsFile: string | undefined;
  connectTimeoutSeconds: number | undefined;
}): string[] {
  return [
    "-o",
    "BatchMode=yes",
    "-o",
    "StrictHostKeyChecking=yes",
    "-o",
    `ConnectTimeout=${link.connectTimeoutSeconds ?? DEFAULT_CONNECT_TIMEOUT_SECONDS}`,
    ...(link.identityFile ? ["-o", "IdentitiesOnly=yes", "-i", link.identityFile] : []),
    ...(link.knownHostsFile ? ["-o", `UserKnownHostsFile=${quoteOptionPath(link.knownHostsFile)}`] : []),
  ];
}

/** ssh spells the port `-p`, scp `-P`; port 22 is left implicit so the wrapper reads like the docs. */
export function portArgs(port: number, tool: "ssh" | "scp"): string[] {
  if (port === DEFAULT_SSH_PORT) return [];
  return [tool === "ssh" ? "-p" : "-P", String(port)];
}

/**
 * ssh splits an `-o` value on whitespace (UserKnownHostsFile takes a list), and
 * the macOS data folder is "Application Support": such a path goes in double
 * quotes, which ssh's own parser honours.
 */
export function quoteOptionPath(filePath: string): string {
  return /\s/.test(filePath) ? `"${filePath}"` : filePath;
}

/**
 * Key and known_hosts paths go through ssh's own expansion (`~`, `%d`, `%h`…)
 * and quoting: refuse the characters that would change their meaning there.
 */
export function checkLinkPath(filePath: string, what: string): string | undefined {
  if (!filePath.startsWith("/")) return `${what} must be an absolute path (got ${JSON.stringify(filePath)})`;
  if (/[%"\\]/.test(filePath) || hasControlCharacter(filePath)) {
    return `${what} ${JSON.stringify(filePath)} contains a character ssh would reinterpret (%, ", \\ or a control character); choose another folder`;
  }
  return undefined;
}

/** C0 controls and DEL: never part of a path a person chose, and a newline would end a known_hosts or wrapper line. */
export function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
