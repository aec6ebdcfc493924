/**
 * The `cliPath` wrapper for an account on another user or Mac: a short
 * shell script that runs `imsg "$@"` there through ssh. It must be a plain,
 * unbuffered stdio pipe (`exec`, `-T`, nothing in between), or `imsg rpc`
 * answers would sit in a buffer. Every interpolated value is shell-quoted,
 * and the arguments are quoted once more for the remote shell first.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../../fs/atomic-write.ts";
import { QUOTE_ARGUMENTS } from "../../ssh/remote-arguments.ts";
import { checkLinkPath, portArgs, type SshLink, sshOptionArgs } from "../../ssh/ssh-options.ts";
import { formatTarget, parseSshTarget, type SshTarget } from "../../ssh/ssh-target.ts";
import { shellQuote } from "./shell-quote.ts";

export interface WrapperSpec {
  target: SshTarget;
  link: SshLink;
  /** `imsg` on the target; an absolute path when it is not on sshd's PATH (Homebrew's usually is not). */
  remoteImsg: string;
  /** The local ssh binary; absolute because an app started from the Dock has a minimal PATH. */
  sshPath: string;
}

export const DEFAULT_SSH_PATH = "/usr/bin/ssh";

/** The remote command passes through the remote user's shell, so it must be one plain word. */
const REMOTE_COMMAND = /^[A-Za-z0-9._/+-]+$/;

export type RenderResult = { ok: true; text: string } | { ok: false; message: string };

export function renderWrapperScript(spec: WrapperSpec): RenderResult {
  const checked = parseSshTarget(formatTarget(spec.target), spec.target.port);
  if (!checked.ok) return checked;
  if (!REMOTE_COMMAND.test(spec.remoteImsg) || spec.remoteImsg.startsWith("-")) {
    return {
      ok: false,
      message: `the remote imsg command ${JSON.stringify(spec.remoteImsg)} must be a plain path`,
    };
  }
  for (const [file, what] of [
    [spec.link.identityFile, "the key file"],
    [spec.link.knownHostsFile, "the known_hosts file"],
    [spec.sshPath, "the ssh program"],
  ] as const) {
    const bad = checkLinkPath(file, what);
    if (bad) return { ok: false, message: bad };
  }
  if (!Number.isInteger(spec.link.connectTimeoutSeconds) || spec.link.connectTimeoutSeconds < 1) {
    return { ok: false, message: "ConnectTimeout must be a whole number of seconds" };
  }
  const words = [
    spec.sshPath,
    "-T",
    ...sshOptionArgs(spec.link),
    ...portArgs(spec.target.port, "ssh"),
    formatTarget(checked.target),
    spec.remoteImsg,
  ];
  return {
    ok: true,
    text: [
      "#!/bin/sh",
      `# Runs imsg as ${formatTarget(checked.target)} over SSH. Written by Pinch's setup, which rewrites it when run again.`,
      ...QUOTE_ARGUMENTS,
      `exec ${words.map(shellQuote).join(" ")} "$@"`,
      "",
    ].join("\n"),
  };
}

/** Writes (or rewrites, atomically, in place) the wrapper with mode 0700. */
export async function writeWrapperScript(filePath: string, spec: WrapperSpec): Promise<RenderResult> {
  const rendered = renderWrapperScript(spec);
  if (!rendered.ok) return rendered;
  await mkdir(path.dirname(filePath), { recursive: true, mode: 0o700 });
  await writeFileAtomic(filePath, rendered.text, { mode: 0o700 });
  return rendered;
}
