/**
 * The files a reply asks to attach, made ready to hand to imsg's `send`:
 * a path on this Mac must resolve, after symlinks, under `attachmentRoots`
 * (the same roots inbound files are read from) and stay within `mediaMaxMb`;
 * a link is fetched into the account's outbound folder within the same cap.
 * A reference that fails any check is refused with its reason and the rest
 * of the reply goes out.
 *
 * An account whose imsg runs on another Mac gets no files: imsg would look for
 * the path on that Mac, and copying there is not done (yet), so each one is
 * refused with a reason that says so rather than sent as a wrong path.
 */
import { readdir, realpath, rm, stat } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import type { Logger } from "../log/logger.ts";
import { isUnderRoots, realRoots } from "./attachment-policy.ts";
import { describeUrl, fetchMediaUrl } from "./fetch-media-url.ts";
import { type RemoteUploadTarget, removeRemoteUpload, uploadToRemote } from "./remote-upload.ts";

/**
 * A file to send. `temp` files were fetched for this reply and are deleted
 * once it is delivered; `remote` files were copied to the Mac where the
 * account's imsg runs (their path is there), and are removed from it then.
 */
export interface OutboundFile {
  file: string;
  temp?: true;
  remote?: true;
}

export interface MediaRefusal {
  /** Safe to log: a path, or a link without its query. */
  reference: string;
  reason: string;
}

export interface OutboundMediaPolicy {
  roots: string[];
  mediaMaxMb: number;
  /** Links may point into the local network (`mediaFetchPrivateHosts`). */
  fetchPrivateHosts: boolean;
  /** Where the account's imsg runs, when that is another Mac or user (over SSH): files are copied there. */
  remote: RemoteUploadTarget | null;
  /** Where fetched links land: the account's own, private folder. */
  fetchDir: string;
}

/** One reply attaches at most this many files; a model listing more is refused past it. */
export const MAX_FILES_PER_REPLY = 10;

export async function prepareOutboundMedia(
  references: string[],
  policy: OutboundMediaPolicy,
): Promise<{ files: OutboundFile[]; refused: MediaRefusal[] }> {
  const files: OutboundFile[] = [];
  const refused: MediaRefusal[] = [];
  for (const [index, reference] of references.entries()) {
    const url = asUrl(reference);
    const shown = url ? describeUrl(url) : reference;
    if (index >= MAX_FILES_PER_REPLY) {
      refused.push({ reference: shown, reason: `more than ${MAX_FILES_PER_REPLY} files in one reply` });
      continue;
    }
    const maxBytes = policy.mediaMaxMb * 1024 * 1024;
    const found: OutboundFile | MediaRefusal = url
      ? await fetchLink(url, shown, policy, maxBytes)
      : await checkLocalFile(reference, policy.roots, maxBytes, policy.mediaMaxMb).then((checked) =>
          checked.ok ? { file: checked.file } : { reference: shown, reason: checked.reason },
        );
    const ready = "file" in found && policy.remote ? await sendOver(found, shown, policy.remote) : found;
    if ("file" in ready) files.push(ready);
    else refused.push(ready);
  }
  return { files, refused };
}

async function fetchLink(
  url: URL,
  shown: string,
  policy: OutboundMediaPolicy,
  maxBytes: number,
): Promise<OutboundFile | MediaRefusal> {
  const fetched = await fetchMediaUrl(url, {
    intoDir: policy.fetchDir,
    maxBytes,
    allowPrivateHosts: policy.fetchPrivateHosts,
  });
  return fetched.ok ? { file: fetched.file, temp: true } : { reference: shown, reason: fetched.reason };
}

/** Copies a checked file to the account's Mac; a download made for it is not needed here after that. */
async function sendOver(
  local: OutboundFile,
  shown: string,
  target: RemoteUploadTarget,
): Promise<OutboundFile | MediaRefusal> {
  const uploaded = await uploadToRemote(local.file, target);
  await releaseOutboundMedia([local], null);
  return uploaded.ok
    ? { file: uploaded.remotePath, remote: true }
    : { reference: shown, reason: uploaded.reason };
}

/**
 * One account's outbound media: what a crash left in its download folder is
 * cleared first (a pending reply's files stay), then each reply's files are
 * checked against the account's settings of the moment.
 */
export function accountOutboundMedia(options: {
  stateDir: string;
  pending: readonly OutboundFile[];
  policy: () => Omit<OutboundMediaPolicy, "fetchDir">;
  log: Logger;
}): (references: string[]) => Promise<{ files: OutboundFile[]; refused: MediaRefusal[] }> {
  const fetchDir = path.join(options.stateDir, "outbound-media");
  const swept = sweepFetchedMedia(fetchDir, options.pending).catch((error: Error) =>
    options.log.warn("could not clear old downloads", { dir: fetchDir, error: error.message }),
  );
  return async (references) => {
    if (references.length === 0) return { files: [], refused: [] };
    await swept;
    return prepareOutboundMedia(references, { ...options.policy(), fetchDir });
  };
}

/**
 * Removes fetched files no pending reply names any more: left by a crash
 * between fetching and sending (the reply was then sent or abandoned).
 */
export async function sweepFetchedMedia(fetchDir: string, pending: readonly OutboundFile[]): Promise<void> {
  const inUse = new Set(pending.filter((file) => file.temp).map((file) => path.dirname(file.file)));
  const entries = await readdir(fetchDir).catch(() => [] as string[]);
  await Promise.all(
    entries
      .map((name) => path.join(fetchDir, name))
      .filter((dir) => !inUse.has(dir))
      .map((dir) => rm(dir, { recursive: true, force: true })),
  );
}

/** Deletes the downloads among `files` (their folder holds nothing else), here and on the account's Mac. */
export async function releaseOutboundMedia(
  files: readonly OutboundFile[],
  remote: RemoteUploadTarget | null,
): Promise<void> {
  await Promise.all(
    files.map((file) => {
      if (file.remote) return remote ? removeRemoteUpload(file.file, remote) : undefined;
      return file.temp ? rm(path.dirname(file.file), { recursive: true, force: true }) : undefined;
    }),
  );
}

function asUrl(reference: string): URL | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(reference)) return undefined;
  try {
    return new URL(reference);
  } catch {
    return undefined;
  }
}

async function checkLocalFile(
  reference: string,
  roots: string[],
  maxBytes: number,
  mediaMaxMb: number,
): Promise<{ ok: true; file: string } | { ok: false; reason: string }> {
  const expanded = reference.startsWith("~/") ? path.join(homedir(), reference.slice(2)) : reference;
  if (!path.isAbsolute(expanded)) return { ok: false, reason: "not an absolute path or an http(s) link" };
  let real: string;
  try {
    real = await realpath(expanded);
  } catch {
    return { ok: false, reason: "no such file" };
  }
  if (!isUnderRoots(real, await realRoots(roots))) return { ok: false, reason: "outside attachmentRoots" };
  const info = await stat(real);
  if (!info.isFile()) return { ok: false, reason: "not a file" };
  if (info.size > maxBytes) return { ok: false, reason: `larger than mediaMaxMb (${mediaMaxMb} MB)` };
  return { ok: true, file: real };
}
