import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { releaseArchiveUrl } from "../../../scripts/fetch-imsg.ts";
import { unpackImsg } from "../../../scripts/imsg/unpack-imsg.ts";
import { downloadVerified } from "../../../scripts/imsg/verified-download.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "pinch-fetch-imsg-"));
const archiveBytes = Buffer.from("the bytes of a release archive\n".repeat(2000));
const rightHash = createHash("sha256").update(archiveBytes).digest("hex");
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === "/imsg-macos.zip") {
      response.writeHead(200, { "content-type": "application/zip" });
      response.end(archiveBytes);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function freshFolder(name: string): string {
  const folder = path.join(dir, name);
  mkdirSync(folder);
  return folder;
}

describe("fetching the pinned imsg for the release build", () => {
  it("keeps a download whose SHA-256 is the pinned one", async () => {
    const folder = freshFolder("right");
    const dest = path.join(folder, "imsg-macos.zip");
    await downloadVerified({ url: `${base}/imsg-macos.zip`, sha256: rightHash, dest });
    expect(readFileSync(dest)).toEqual(archiveBytes);
    expect(readdirSync(folder)).toEqual(["imsg-macos.zip"]);
  });

  it("refuses a download with another hash and leaves nothing behind", async () => {
    const folder = freshFolder("wrong");
    const dest = path.join(folder, "imsg-macos.zip");
    const wrongHash = "0".repeat(64);
    await expect(
      downloadVerified({ url: `${base}/imsg-macos.zip`, sha256: wrongHash, dest }),
    ).rejects.toThrow(`its SHA-256 is ${rightHash}, the pin says ${wrongHash}. Nothing was saved`);
    expect(readdirSync(folder)).toEqual([]);
  });

  it("refuses to download at all without a pinned hash", async () => {
    const folder = freshFolder("unpinned");
    await expect(
      downloadVerified({
        url: `${base}/imsg-macos.zip`,
        sha256: "",
        dest: path.join(folder, "imsg-macos.zip"),
      }),
    ).rejects.toThrow("No SHA-256 is pinned");
    expect(readdirSync(folder)).toEqual([]);
  });

  it("saves nothing when the server answers with an error", async () => {
    const folder = freshFolder("missing");
    await expect(
      downloadVerified({
        url: `${base}/nope.zip`,
        sha256: rightHash,
        dest: path.join(folder, "imsg-macos.zip"),
      }),
    ).rejects.toThrow("answered 404");
    expect(readdirSync(folder)).toEqual([]);
  });

  it("asks GitHub for imsg's macOS archive of the pinned version", () => {
    expect(releaseArchiveUrl("0.14.0")).toBe(
      "https://github.com/openclaw/imsg/releases/download/v0.14.0/imsg-macos.zip",
    );
  });
});

describe("unpacking imsg into the folder the app bundles", () => {
  it("puts imsg and the files beside it into build/imsg", async () => {
    const source = freshFolder("archive-source");
    writeFileSync(path.join(source, "imsg"), "#!/bin/sh\necho 0.14.0\n");
    chmodSync(path.join(source, "imsg"), 0o755);
    mkdirSync(path.join(source, "Resources.bundle"));
    writeFileSync(path.join(source, "Resources.bundle", "data"), "x");
    const archive = path.join(dir, "good.zip");
    execFileSync("zip", ["-qr", archive, "."], { cwd: source });
    const dest = path.join(freshFolder("build-good"), "imsg");
    expect(await unpackImsg(archive, dest)).toBe(path.join(dest, "imsg"));
    expect(readdirSync(dest).sort()).toEqual(["Resources.bundle", "imsg"]);
  });

  it("refuses an archive without imsg and keeps the previous folder", async () => {
    const source = freshFolder("archive-other");
    writeFileSync(path.join(source, "readme.txt"), "not imsg");
    const archive = path.join(dir, "other.zip");
    execFileSync("zip", ["-qr", archive, "."], { cwd: source });
    const build = freshFolder("build-other");
    const dest = path.join(build, "imsg");
    mkdirSync(dest);
    writeFileSync(path.join(dest, "imsg"), "previous");
    await expect(unpackImsg(archive, dest)).rejects.toThrow("has no executable imsg");
    expect(readFileSync(path.join(dest, "imsg"), "utf8")).toBe("previous");
    expect(readdirSync(build)).toEqual(["imsg"]);
    expect(existsSync(archive)).toBe(true);
  });
});
