/**
 * A file for a reply from an account whose imsg runs on another Mac or user:
 * imsg can only attach a file that exists where it runs, so the file is
 * copied there first, into a folder of its own under /tmp that only the
 * remote user can read, and that folder is removed once the send is done.
 * ssh and scp get argument arrays and the wrapper's own key and known_hosts;
 * the remote shell only ever sees a folder name Pinch made from hex digits.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { describeFailure, runProcess } from "../process/run-process.ts";
import { classifySshFailure } from "../ssh/ssh-failure.ts";
import { portArgs, wrapperOptionArgs } from "../ssh/ssh-options.ts";
import type { RemoteLinkOptions } from "./remote-attachments.ts";

/** One file of up to `mediaMaxMb` to a Mac that may be on a slow network. */
const UPLOAD_TIMEOUT_MS = 120_000;
const REMOTE_DIR = /^\/tmp\/pinch-outbound-[0-9a-f]{16}$/;

export type UploadResult = { ok: true; remotePath: string } | { ok: false; reason: string };

export interface RemoteUploadTarget {
  remoteHost: string;
  link: RemoteLinkOptions;
}

export async function uploadToRemote(localFile: string, target: RemoteUploadTarget): Promise<UploadResult> {
  const dir = `/tmp/pinch-outbound-${randomBytes(8).toString("hex")}`;
  const made = await ssh(target, `umask 077 && mkdir -m 700 ${dir}`);
  if (!made.ok) return made;
  const remotePath = path.posix.join(dir, remoteName(localFile));
  const copied = await runProcess(
    "scp",
    [
      "-s",
      ...wrapperOptionArgs(target.link),
      ...portArgs(target.link.port, "scp"),
      "--",
      localFile,
      `${target.remoteHost}:${remotePath}`,
    ],
    { timeoutMs: UPLOAD_TIMEOUT_MS },
  );
  if (copied.exitCode === 0) return { ok: true, remotePath };
  await removeRemoteUpload(remotePath, target);
  return { ok: false, reason: `could not copy it to ${target.remoteHost}: ${explain(copied, target)}` };
}

/** Removes an uploaded file's folder; anything that is not one of ours is left alone. */
export async function removeRemoteUpload(remotePath: string, target: RemoteUploadTarget): Promise<void> {
  const dir = path.posix.dirname(remotePath);
  if (!REMOTE_DIR.test(dir)) return;
  const removed = await ssh(target, `rm -rf ${dir}`);
  if (!removed.ok) throw new Error(removed.reason);
}

async function ssh(target: RemoteUploadTarget, command: string): Promise<{ ok: true } | UploadResult> {
  const result = await runProcess(
    "ssh",
    [
      ...wrapperOptionArgs(target.link),
      ...portArgs(target.link.port, "ssh"),
      "-T",
      target.remoteHost,
      command,
    ],
    { timeoutMs: UPLOAD_TIMEOUT_MS },
  );
  if (result.exitCode === 0) return { ok: true };
  return { ok: false, reason: `could not reach ${target.remoteHost}: ${explain(result, target)}` };
}

function explain(result: Awaited<ReturnType<typeof runProcess>>, target: RemoteUploadTarget): string {
  const failure = classifySshFailure(result.stderr, target.remoteHost);
  return failure.kind === "other" ? describeFailure(result) : failure.message;
}

/** The file keeps its name (Messages shows it) minus anything a shell or scp could read as syntax. */
function remoteName(localFile: string): string {
  const name = path
    .basename(localFile)
    .replace(/[^A-Za-z0-9._ -]/g, "_")
    .replace(/^[.-]+/, "");
  return name === "" ? "attachment" : name;
}
