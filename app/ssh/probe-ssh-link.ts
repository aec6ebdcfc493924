import { runProcess } from "../process/run-process.ts";
import type { WrapperLink } from "./read-ssh-wrapper.ts";
import { classifySshFailure, type SshFailure } from "./ssh-failure.ts";
import { DEFAULT_CONNECT_TIMEOUT_SECONDS, sshCommandTimeoutMs, wrapperOptionArgs } from "./ssh-options.ts";
import { parseSshTarget } from "./ssh-target.ts";

/**
 * Why a wrapper's ssh cannot connect, asked with the wrapper's own settings
 * and a harmless `true` as the command. Null when it connects, or when the
 * wrapper's destination is not a plain name (then nothing is run).
 */
export async function probeSshLink(link: WrapperLink, sshPath = "ssh"): Promise<SshFailure | null> {
  if (!parseSshTarget(link.destination, link.port).ok) return null;
  const args = ["-T", ...wrapperOptionArgs(link), "-p", String(link.port), "--", link.destination, "true"];
  const result = await runProcess(sshPath, args, {
    timeoutMs: sshCommandTimeoutMs(link.connectTimeoutSeconds ?? DEFAULT_CONNECT_TIMEOUT_SECONDS),
  });
  if (result.exitCode === 0) return null;
  return classifySshFailure(result.stderr, link.destination);
}
