// Downloads one file and keeps it only if its SHA-256 is the pinned one. The bytes go to a
// temporary file next to the destination and are renamed into place after the hash matched, so a
// failed or tampered download never leaves a file where the packager would pick it up.
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export const sha256Pattern = /^[0-9a-f]{64}$/;

export class DownloadRefused extends Error {
  override name = "DownloadRefused";
}

export async function downloadVerified(options: {
  url: string;
  /** Lowercase hex, as `shasum -a 256` prints it. */
  sha256: string;
  dest: string;
  fetch?: typeof globalThis.fetch;
}): Promise<void> {
  const { url, sha256, dest } = options;
  if (!sha256Pattern.test(sha256)) {
    throw new DownloadRefused(
      `No SHA-256 is pinned for ${url} ("${sha256}"): download it once from a trusted network, run \`shasum -a 256\` on it and pin the 64 hex digits.`,
    );
  }
  const partial = path.join(path.dirname(dest), `.${path.basename(dest)}.${process.pid}.partial`);
  try {
    const response = await (options.fetch ?? globalThis.fetch)(url, { redirect: "follow" });
    if (!response.ok || !response.body) {
      throw new DownloadRefused(
        `${url} answered ${response.status} ${response.statusText}: nothing was saved.`,
      );
    }
    const hash = createHash("sha256");
    const body = Readable.fromWeb(response.body);
    body.on("data", (chunk: Buffer) => hash.update(chunk));
    await pipeline(body, createWriteStream(partial, { mode: 0o644 }));
    const actual = hash.digest("hex");
    if (actual !== sha256) {
      throw new DownloadRefused(
        `${url} is not the pinned file: its SHA-256 is ${actual}, the pin says ${sha256}. Nothing was saved; check the pin and where the download came from.`,
      );
    }
    await rename(partial, dest);
  } finally {
    await rm(partial, { force: true });
  }
}
