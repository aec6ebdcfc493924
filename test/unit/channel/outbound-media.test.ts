import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type OutboundMediaPolicy,
  prepareOutboundMedia,
  releaseOutboundMedia,
  sweepFetchedMedia,
} from "../../../app/channel/outbound-media.ts";

const MB = 1024 * 1024;
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/photo.png") {
      response.writeHead(200, { "content-type": "image/png" });
      response.end(Buffer.alloc(1_000, 7));
    } else if (url.pathname === "/moved") {
      response.writeHead(302, { location: "/photo.png" });
      response.end();
    } else if (url.pathname === "/loop") {
      response.writeHead(301, { location: "/loop" });
      response.end();
    } else if (url.pathname === "/render") {
      response.writeHead(200, { "content-type": "image/jpeg; charset=binary" });
      response.end(Buffer.alloc(10, 1));
    } else if (url.pathname === "/declared-big.bin") {
      response.writeHead(200, { "content-length": String(3 * MB) });
      response.end(Buffer.alloc(3 * MB));
    } else if (url.pathname === "/streamed-big.bin") {
      // No length: the cap must hold while the body streams.
      response.writeHead(200, { "content-type": "application/octet-stream" });
      const piece = Buffer.alloc(256 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 12 && response.write(piece)) sent++;
        if (sent < 12) response.once("drain", pump);
        else response.end();
      };
      pump();
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function setup(overrides: Partial<OutboundMediaPolicy> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), "pinch-outbound-"));
  const root = path.join(dir, "allowed");
  mkdirSync(root);
  const policy: OutboundMediaPolicy = {
    roots: [root],
    mediaMaxMb: 1,
    remote: null,
    fetchDir: path.join(dir, "fetched"),
    // The test server is on loopback: only the tests of that rule turn it off.
    fetchPrivateHosts: true,
    ...overrides,
  };
  return { dir, root, policy };
}

describe("prepareOutboundMedia", () => {
  it("sends a file under an allowed root as it is, by its real path", async () => {
    const { root, policy } = setup();
    writeFileSync(path.join(root, "chart.png"), "png");
    const result = await prepareOutboundMedia([path.join(root, "chart.png")], policy);
    expect(result).toEqual({ files: [{ file: path.join(root, "chart.png") }], refused: [] });
  });

  it("refuses a path outside the roots, through a symlink too, a relative path, a folder and a missing file", async () => {
    const { dir, root, policy } = setup();
    writeFileSync(path.join(dir, "secret.txt"), "no");
    const { symlinkSync } = await import("node:fs");
    symlinkSync(path.join(dir, "secret.txt"), path.join(root, "link.txt"));
    mkdirSync(path.join(root, "folder"));
    const result = await prepareOutboundMedia(
      [
        path.join(dir, "secret.txt"),
        path.join(root, "link.txt"),
        "relative.png",
        path.join(root, "folder"),
        path.join(root, "gone.png"),
      ],
      policy,
    );
    expect(result.files).toEqual([]);
    expect(result.refused.map((refusal) => refusal.reason)).toEqual([
      "outside attachmentRoots",
      "outside attachmentRoots",
      "not an absolute path or an http(s) link",
      "not a file",
      "no such file",
    ]);
  });

  it("refuses a local file over mediaMaxMb", async () => {
    const { root, policy } = setup();
    writeFileSync(path.join(root, "big.mov"), Buffer.alloc(MB + 1));
    const result = await prepareOutboundMedia([path.join(root, "big.mov")], policy);
    expect(result.refused).toEqual([
      { reference: path.join(root, "big.mov"), reason: "larger than mediaMaxMb (1 MB)" },
    ]);
  });

  it("fetches a link into a private folder of its own, named after the link", async () => {
    const { policy } = setup();
    const result = await prepareOutboundMedia([`${base}/photo.png?token=abc`], policy);
    expect(result.refused).toEqual([]);
    const [fetched] = result.files;
    expect(fetched?.temp).toBe(true);
    expect(path.basename(fetched?.file ?? "")).toBe("photo.png");
    expect(readFileSync(fetched?.file ?? "")).toEqual(Buffer.alloc(1_000, 7));
    expect(statSync(path.dirname(fetched?.file ?? "")).mode & 0o777).toBe(0o700);
    expect(statSync(fetched?.file ?? "").mode & 0o777).toBe(0o600);
    await releaseOutboundMedia(result.files, null);
    expect(readdirSync(policy.fetchDir)).toEqual([]);
  });

  it("names a link without a file name from its content type", async () => {
    const { policy } = setup();
    const result = await prepareOutboundMedia([`${base}/render`], policy);
    expect(path.basename(result.files[0]?.file ?? "")).toBe("render.jpg");
  });

  it("refuses a link over the cap, declared or streamed, and leaves nothing behind", async () => {
    const { policy } = setup();
    const result = await prepareOutboundMedia(
      [`${base}/declared-big.bin`, `${base}/streamed-big.bin`],
      policy,
    );
    expect(result.files).toEqual([]);
    expect(result.refused.map((refusal) => refusal.reason)).toEqual([
      "larger than mediaMaxMb (1 MB)",
      "larger than mediaMaxMb (1 MB)",
    ]);
    expect(existsSync(policy.fetchDir) ? readdirSync(policy.fetchDir) : []).toEqual([]);
  });

  it("refuses a link the server does not serve, and other schemes, without logging the query", async () => {
    const { policy } = setup();
    const result = await prepareOutboundMedia(
      [`${base}/nothing.png?key=s3cret`, "ftp://host/file.png"],
      policy,
    );
    expect(result.refused).toEqual([
      { reference: `${base}/nothing.png`, reason: "the server answered 404" },
      { reference: "ftp://host/file.png", reason: "only http and https links are fetched, not ftp:" },
    ]);
  });

  it("follows a redirect, hop by hop, and gives up on a redirect loop", async () => {
    const { policy } = setup();
    const moved = await prepareOutboundMedia([`${base}/moved`], policy);
    expect(moved.refused).toEqual([]);
    expect(readFileSync(moved.files[0]?.file ?? "")).toHaveLength(1_000);
    const loop = await prepareOutboundMedia([`${base}/loop`], policy);
    expect(loop.refused[0]?.reason).toBe("more than 5 redirects");
  });

  it("refuses a link into the local network unless mediaFetchPrivateHosts allows it, and fetches nothing", async () => {
    const { policy } = setup({ fetchPrivateHosts: false });
    const links = [`${base}/photo.png`, "http://[::1]:9/x.png", "http://169.254.169.254/latest/meta-data"];
    const result = await prepareOutboundMedia(links, policy);
    expect(result.files).toEqual([]);
    expect(result.refused.map((refusal) => refusal.reason)).toEqual([
      `${new URL(base).host} is not on the public internet (mediaFetchPrivateHosts is off)`,
      "[::1]:9 is not on the public internet (mediaFetchPrivateHosts is off)",
      "169.254.169.254 is not on the public internet (mediaFetchPrivateHosts is off)",
    ]);
    expect(existsSync(policy.fetchDir) ? readdirSync(policy.fetchDir) : []).toEqual([]);
  });

  it("refuses a file it cannot copy to the account's Mac, says why, and keeps no download", async () => {
    // Nothing listens on port 1 of loopback: ssh is refused at once.
    const unreachable = {
      remoteHost: "bot@127.0.0.1",
      link: { identityFile: undefined, knownHostsFile: undefined, port: 1, connectTimeoutSeconds: 2 },
    };
    const { root, policy } = setup({ remote: unreachable });
    writeFileSync(path.join(root, "chart.png"), "png");
    const result = await prepareOutboundMedia([path.join(root, "chart.png"), `${base}/photo.png`], policy);
    expect(result.files).toEqual([]);
    expect(result.refused.map((refusal) => refusal.reason)).toEqual([
      expect.stringMatching(/^could not reach bot@127\.0\.0\.1: /),
      expect.stringMatching(/^could not reach bot@127\.0\.0\.1: /),
    ]);
    expect(existsSync(policy.fetchDir) ? readdirSync(policy.fetchDir) : []).toEqual([]);
  });

  it("refuses files past the tenth of one reply", async () => {
    const { root, policy } = setup();
    writeFileSync(path.join(root, "a.png"), "png");
    const result = await prepareOutboundMedia(Array(11).fill(path.join(root, "a.png")), policy);
    expect(result.files).toHaveLength(10);
    expect(result.refused).toEqual([
      { reference: path.join(root, "a.png"), reason: "more than 10 files in one reply" },
    ]);
  });
});

describe("sweepFetchedMedia", () => {
  it("removes downloads no pending reply names and keeps the ones that one does", async () => {
    const { policy } = setup();
    const kept = await prepareOutboundMedia([`${base}/photo.png`], policy);
    await prepareOutboundMedia([`${base}/render`], policy);
    expect(readdirSync(policy.fetchDir)).toHaveLength(2);
    await sweepFetchedMedia(policy.fetchDir, kept.files);
    expect(readdirSync(policy.fetchDir)).toEqual([path.basename(path.dirname(kept.files[0]?.file ?? ""))]);
  });
});
