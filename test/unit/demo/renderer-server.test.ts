import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type RendererServer, startRendererServer } from "../../e2e/serve-renderer.ts";

let server: RendererServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serveTempPage(): Promise<RendererServer> {
  const root = mkdtempSync(path.join(tmpdir(), "pinch-page-"));
  mkdirSync(path.join(root, "assets"));
  writeFileSync(path.join(root, "index.html"), "<!doctype html><title>Pinch</title>");
  writeFileSync(path.join(root, "assets", "a b.js"), "export {};");
  return startRendererServer(root);
}

/** Sends `target` as written (no client-side normalising) and resolves with the status code. */
function statusOf(url: string, target: string, method = "GET"): Promise<number> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1");
    let head = "";
    socket.setTimeout(2_000, () => {
      socket.destroy();
      reject(new Error(`no answer to ${method} ${target}`));
    });
    socket.on("error", reject);
    socket.on("data", (chunk) => {
      head += chunk.toString("latin1");
      const line = /^HTTP\/1\.1 (\d{3})/.exec(head);
      if (!line) return;
      socket.destroy();
      resolve(Number(line[1]));
    });
    socket.write(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
  });
}

describe("the page server of the demo and the browser tests", () => {
  it("serves the page and its escaped file names", async () => {
    server = await serveTempPage();
    expect(await statusOf(server.url, "/")).toBe(200);
    expect(await statusOf(server.url, "/assets/a%20b.js")).toBe(200);
    expect(await statusOf(server.url, "/missing.js")).toBe(404);
  });

  it("answers 400 to a malformed escape or a target that is not a path, and keeps serving", async () => {
    server = await serveTempPage();
    for (const target of ["/%", "/%zz", "/assets/%E0%A4%A", "/%C0%AF", "//", "//a:b@/x"]) {
      expect(await statusOf(server.url, target), target).toBe(400);
    }
    expect(await statusOf(server.url, "/")).toBe(200);
  });

  it("refuses a path that climbs out of the page's folder, and any method but GET and HEAD", async () => {
    server = await serveTempPage();
    expect(await statusOf(server.url, "/..%2f..%2fetc%2fpasswd")).toBe(403);
    expect(await statusOf(server.url, "/index.html", "POST")).toBe(405);
  });
});
