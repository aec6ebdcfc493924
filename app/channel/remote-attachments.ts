/**
 * Inbound attachments of an account on another Mac (spec §7): the row names a
 * file on that Mac, so it is copied here with scp before the agent sees it.
 *
 * The remote path is checked first, and nothing is transferred unless it is
 * an absolute, normalised path under `remoteAttachmentRoots`. scp gets an
 * argument array (no local shell) and `-s` (SFTP: no remote shell either),
 * the same key and known_hosts as the wrapper, BatchMode and strict host-key
 * checking. Files land in a private cache folder, are capped by `mediaMaxMb`
 * while they arrive, and are deleted once the turn is over.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Attachment, Message } from "../imsg/protocol.ts";
import type { WrapperLink } from "../ssh/read-ssh-wrapper.ts";
import { classifySshFailure } from "../ssh/ssh-failure.ts";
import { hasControlCharacter, wrapperOptionArgs } from "../ssh/ssh-options.ts";
import { parseSshTarget } from "../ssh/ssh-target.ts";
import { isUnderRoots } from "./attachment-policy.ts";

export type RemoteLinkOptions = Pick<
  WrapperLink,
  "identityFile" | "knownHostsFile" | "port" | "connectTimeoutSeconds"
>;

export interface RemoteAttachmentOptions {
  remoteHost: string;
  roots: string[];
  mediaMaxMb: number;
  /** A folder only this user can read (see `resetAttachmentCache`). */
  cacheDir: string;
  link: RemoteLinkOptions;
  scpPath?: string;
  /** Upper bound for one transfer. */
  timeoutMs?: number;
}

export type FetchResult =
  | { ok: true; localPath: string; bytes: number }
  | { ok: false; kind: "refused" | "too-large" | "failed" | "host-key-changed"; reason: string };

export type RemotePathCheck = { ok: true } | { ok: false; reason: string };

/** One attachment over ssh, up to `mediaMaxMb`, from a Mac that may be on a slow network. */
const SCP_TIMEOUT_MS = 120_000;

/** Characters scp's SFTP mode would expand as a glob. */
const GLOB_CHARS = /[*?[\]\\]/;

export function checkRemoteAttachmentPath(remotePath: string, roots: string[]): RemotePathCheck {
  if (!remotePath.startsWith("/")) return { ok: false, reason: "not an absolute path on the remote Mac" };
  if (GLOB_CHARS.test(remotePath) || hasControlCharacter(remotePath))
    return { ok: false, reason: "the path has control or wildcard characters" };
  const segments = remotePath.split("/").slice(1);
  if (segments.some((segment) => segment === ".." || segment === "." || segment === "")) {
    return { ok: false, reason: "the path is not normalised (.., . or //)" };
  }
  if (!isUnderRoots(remotePath, roots)) return { ok: false, reason: "outside remoteAttachmentRoots" };
  return { ok: true };
}

/** An attachment left on the remote Mac, and why. */
export interface NotFetched {
  /** What the local attachment policy reports as its path. */
  placeholder: string;
  remotePath: string;
  reason: string;
}

export interface LocalizedMessage {
  message: Message;
  /** Holds this message's copies, and nothing else. */
  dir: string;
  failures: NotFetched[];
  cleanup: () => Promise<void>;
}

/** Copies left behind by a crash are removed when an account starts. */
export async function resetAttachmentCache(cacheDir: string): Promise<void> {
  await rm(cacheDir, { recursive: true, force: true });
  await mkdir(cacheDir, { recursive: true, mode: 0o700 });
  await chmod(cacheDir, 0o700);
}

export class RemoteAttachmentFetcher {
  private readonly options: RemoteAttachmentOptions;

  constructor(options: RemoteAttachmentOptions) {
    this.options = options;
  }

  /** Copies one remote file into `intoDir`; every refusal happens before scp is started. */
  async fetch(remotePath: string, intoDir: string, expectedBytes?: number): Promise<FetchResult> {
    const { remoteHost, roots, mediaMaxMb } = this.options;
    if (!parseSshTarget(remoteHost).ok)
      return { ok: false, kind: "refused", reason: `remoteHost ${JSON.stringify(remoteHost)} is not plain` };
    const checked = checkRemoteAttachmentPath(remotePath, roots);
    if (!checked.ok) return { ok: false, kind: "refused", reason: checked.reason };
    const limit = mediaMaxMb * 1024 * 1024;
    if (expectedBytes !== undefined && expectedBytes > limit) {
      return { ok: false, kind: "too-large", reason: `larger than mediaMaxMb (${mediaMaxMb} MB)` };
    }
    await mkdir(intoDir, { recursive: true, mode: 0o700 });
    const localPath = path.join(intoDir, safeLocalName(remotePath));
    const outcome = await this.runScp(`${remoteHost}:${remotePath}`, localPath, limit);
    if (!outcome.ok) {
      await rm(localPath, { force: true });
      return outcome;
    }
    await chmod(localPath, 0o600);
    const bytes = (await stat(localPath)).size;
    if (bytes > limit) {
      await rm(localPath, { force: true });
      return { ok: false, kind: "too-large", reason: `larger than mediaMaxMb (${mediaMaxMb} MB)` };
    }
    return { ok: true, localPath, bytes };
  }

  /**
   * The message with each attachment's path replaced by its local copy, and
   * the folder holding them (to hand to the local attachment policy as the
   * only root, and to remove with `cleanup` after the turn).
   */
  async localize(message: Message): Promise<LocalizedMessage> {
    await mkdir(this.options.cacheDir, { recursive: true, mode: 0o700 });
    await chmod(this.options.cacheDir, 0o700);
    const dir = path.join(this.options.cacheDir, randomBytes(8).toString("hex"));
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const failures: NotFetched[] = [];
    const attachments: Attachment[] = [];
    for (const [index, attachment] of (message.attachments ?? []).entries()) {
      const remotePath = attachment.original_path ?? attachment.path;
      // Every local-looking path goes: only the fetched copy may be read here.
      const {
        original_path: _original,
        path: _path,
        filename: _filename,
        converted_path: _converted,
        ...rest
      } = attachment;
      if (!remotePath) {
        attachments.push(rest);
        continue;
      }
      const result = await this.fetch(
        remotePath,
        path.join(dir, String(index)),
        attachment.total_bytes ?? attachment.byte_size,
      );
      if (result.ok) attachments.push({ ...rest, original_path: result.localPath });
      else {
        // Without a path the local policy passes a note instead of a file, named by this placeholder.
        const placeholder = path.join(dir, String(index), "(not fetched)");
        failures.push({ placeholder, remotePath, reason: result.reason });
        attachments.push({ ...rest, transfer_name: placeholder });
      }
    }
    return {
      message: { ...message, attachments },
      dir,
      failures,
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  }

  private runScp(source: string, localPath: string, limitBytes: number): Promise<FetchResult> {
    const { link } = this.options;
    // No -q: it would also silence ssh's own diagnostics, the host-key warning among them.
    const args = [
      "-s",
      ...wrapperOptionArgs(link),
      ...(link.port === 22 ? [] : ["-P", String(link.port)]),
      "--",
      source,
      localPath,
    ];
    return new Promise((resolve) => {
      const child = spawn(this.options.scpPath ?? "scp", args, { stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      let verdict: FetchResult | undefined;
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      // scp cannot stop at a size, so watch the file grow and end it past the cap.
      const watcher = setInterval(() => {
        stat(localPath).then(
          (info) => {
            if (info.size <= limitBytes || verdict) return;
            verdict = {
              ok: false,
              kind: "too-large",
              reason: `larger than mediaMaxMb (${this.options.mediaMaxMb} MB)`,
            };
            child.kill("SIGKILL");
          },
          () => undefined,
        );
      }, 100);
      const timer = setTimeout(() => {
        verdict ??= { ok: false, kind: "failed", reason: "scp did not finish in time" };
        child.kill("SIGKILL");
      }, this.options.timeoutMs ?? SCP_TIMEOUT_MS);
      child.on("error", (error) => {
        verdict ??= { ok: false, kind: "failed", reason: `could not run scp: ${error.message}` };
      });
      child.on("close", (code) => {
        clearInterval(watcher);
        clearTimeout(timer);
        if (verdict) return resolve(verdict);
        // The caller measures the file it got.
        if (code === 0) return resolve({ ok: true, localPath, bytes: -1 });
        const failure = classifySshFailure(stderr, this.options.remoteHost);
        resolve({
          ok: false,
          kind: failure.kind === "host-key-changed" ? "host-key-changed" : "failed",
          reason:
            failure.kind === "other"
              ? `scp failed: ${stderr.trim().split("\n").at(-1) ?? `exit ${code}`}`
              : failure.message,
        });
      });
    });
  }
}

/** The file keeps its name (the agent may read the extension) minus anything odd; never a dot file. */
function safeLocalName(remotePath: string): string {
  const base = path.posix
    .basename(remotePath)
    .replace(/[^A-Za-z0-9._ -]/g, "_")
    .replace(/^[.-]+/, "");
  return base === "" ? "attachment" : base;
}
