/**
 * A file the model linked to, fetched so it can be sent as an attachment:
 * http and https only, into a folder of its own that only this user can read,
 * from hosts on the public internet only (unless `mediaFetchPrivateHosts`),
 * and never past `mediaMaxMb`: a declared length over the cap is refused
 * before the body is read, and a body that grows past it is cut off and
 * deleted while it streams.
 */
import { randomBytes } from "node:crypto";
import { lookup } from "node:dns/promises";
import { createWriteStream } from "node:fs";
import { chmod, mkdir, rm } from "node:fs/promises";
import { isIP } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { isPublicAddress } from "../net/public-address.ts";

export type FetchedMedia = { ok: true; file: string; bytes: number } | { ok: false; reason: string };

/** A slow server on a phone's hotspot still delivers a few MB well within this. */
const FETCH_TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 5;

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": ".jpg",
  "image/png": ".png",
  "image/gif": ".gif",
  "image/webp": ".webp",
  "image/heic": ".heic",
  "application/pdf": ".pdf",
  "audio/mp4": ".m4a",
  "audio/mpeg": ".mp3",
  "video/mp4": ".mp4",
  "video/quicktime": ".mov",
  "text/plain": ".txt",
};

/** The URL as it may be logged: no credentials, query or fragment (they can hold tokens). */
export function describeUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

export async function fetchMediaUrl(
  url: URL,
  options: { intoDir: string; maxBytes: number; timeoutMs?: number; allowPrivateHosts?: boolean },
): Promise<FetchedMedia> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? FETCH_TIMEOUT_MS);
  const dir = path.join(options.intoDir, randomBytes(8).toString("hex"));
  try {
    const opened = await openLink(url, options.allowPrivateHosts === true, controller.signal);
    if (!opened.ok) return opened;
    const response = opened.response;
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      return { ok: false, reason: `the server answered ${response.status}` };
    }
    const declared = Number(response.headers.get("content-length") ?? Number.NaN);
    if (declared > options.maxBytes) {
      await response.body.cancel();
      return { ok: false, reason: tooLarge(options.maxBytes) };
    }
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
    const file = path.join(dir, fileName(url, response.headers.get("content-type")));
    let bytes = 0;
    const capped = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream).map(
      (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > options.maxBytes) throw new OverCap();
        return chunk;
      },
    );
    await pipeline(capped, createWriteStream(file, { flags: "wx", mode: 0o600 }));
    return { ok: true, file, bytes };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    if (error instanceof OverCap) return { ok: false, reason: tooLarge(options.maxBytes) };
    if (controller.signal.aborted) return { ok: false, reason: "the download did not finish in time" };
    return { ok: false, reason: `could not download it: ${(error as Error).message}` };
  } finally {
    controller.abort();
    clearTimeout(timer);
  }
}

/**
 * Requests the link, following redirects by hand so that every hop's host is
 * checked: a public link must not bounce the fetch onto the local network.
 */
async function openLink(
  start: URL,
  allowPrivateHosts: boolean,
  signal: AbortSignal,
): Promise<{ ok: true; response: Response } | { ok: false; reason: string }> {
  let url = start;
  for (let hop = 0; ; hop++) {
    if (url.protocol !== "http:" && url.protocol !== "https:")
      return { ok: false, reason: `only http and https links are fetched, not ${url.protocol}` };
    if (!allowPrivateHosts && !(await isPublicHost(url.hostname)))
      return {
        ok: false,
        reason: `${url.host} is not on the public internet (mediaFetchPrivateHosts is off)`,
      };
    const response = await fetch(url, { signal, redirect: "manual" });
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || location === null) return { ok: true, response };
    await response.body?.cancel();
    if (hop >= MAX_REDIRECTS) return { ok: false, reason: `more than ${MAX_REDIRECTS} redirects` };
    url = new URL(location, url);
  }
}

/** Every address the name resolves to must be public: one private answer is enough to refuse. */
async function isPublicHost(hostname: string): Promise<boolean> {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0) return isPublicAddress(host);
  const addresses = await lookup(host, { all: true, verbatim: true }).catch(() => []);
  return addresses.length > 0 && addresses.every((entry) => isPublicAddress(entry.address));
}

class OverCap extends Error {}

function tooLarge(maxBytes: number): string {
  return `larger than mediaMaxMb (${maxBytes / (1024 * 1024)} MB)`;
}

/** The link's own file name where it has one (Messages shows it), else one from the content type. */
function fileName(url: URL, contentType: string | null): string {
  const base = safeDecode(path.posix.basename(url.pathname))
    .replace(/[^A-Za-z0-9._ -]/g, "_")
    .replace(/^[.-]+/, "");
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const extension = EXTENSIONS[type] ?? "";
  if (base === "") return `attachment${extension}`;
  return path.extname(base) === "" ? `${base}${extension}` : base;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
