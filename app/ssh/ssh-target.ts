/**
 * Where the bot's `imsg` lives: `user@host` and a port. Users and hosts end
 * up on ssh, scp and ssh-keyscan command lines and inside the wrapper script,
 * so only plain names are accepted: `[A-Za-z0-9._-]`, not starting with `-`
 * (`-oProxyCommand=…` would be read as an option and run a command).
 */
export interface SshTarget {
  user: string | undefined;
  host: string;
  port: number;
}

export const DEFAULT_SSH_PORT = 22;

const PLAIN_NAME = /^[A-Za-z0-9._][A-Za-z0-9._-]*$/;

export type ParsedTarget = { ok: true; target: SshTarget } | { ok: false; message: string };

export function isPlainName(value: string): boolean {
  return PLAIN_NAME.test(value);
}

/** `host` or `user@host`; `port` defaults to 22. */
export function parseSshTarget(text: string, port: number = DEFAULT_SSH_PORT): ParsedTarget {
  const at = text.indexOf("@");
  const user = at === -1 ? undefined : text.slice(0, at);
  const host = at === -1 ? text : text.slice(at + 1);
  if (user !== undefined && !isPlainName(user)) {
    return { ok: false, message: `the user name ${JSON.stringify(user)} ${PLAIN_RULE}` };
  }
  if (!isPlainName(host)) return { ok: false, message: `the host ${JSON.stringify(host)} ${PLAIN_RULE}` };
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    return { ok: false, message: `the port ${port} is not a TCP port (1–65535)` };
  }
  return { ok: true, target: { user, host, port } };
}

const PLAIN_RULE = 'may only use letters, digits, ".", "_" and "-", and may not start with "-"';

/** `user@host` (or `host`): the argument ssh and scp take, and the config's `remoteHost`. */
export function formatTarget(target: SshTarget): string {
  return target.user ? `${target.user}@${target.host}` : target.host;
}

/** How known_hosts names a host: `host` on port 22, `[host]:port` elsewhere. */
export function knownHostsName(target: SshTarget): string {
  return target.port === DEFAULT_SSH_PORT ? target.host : `[${target.host}]:${target.port}`;
}
