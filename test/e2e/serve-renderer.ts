// A static file server for the built renderer, on loopback and a free port, so the e2e suite loads
// exactly what Electron would load. Run it by hand to look at the page in a browser:
// `npx node test/e2e/serve-renderer.ts` after `npx vite build`.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

export interface RendererServer {
  /** Ends in a slash; the page is served at its root. */
  url: string;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".map": "application/json",
  ".woff2": "font/woff2",
};

export const builtRendererDir = path.resolve(import.meta.dirname, "..", "..", "dist", "renderer");
/** The same page built with `--mode harness`, whose CSP also admits the loopback WebSocket bridge. */
export const harnessRendererDir = path.resolve(import.meta.dirname, "..", "..", "dist", "renderer-harness");

/**
 * Maps a request path into `root`: "outside" when it would escape it, "malformed" when it is not a
 * path at all. Both parse steps throw on what a client may send (`//` is not a URL, `/%zz` not an
 * escape), and a throw in the async handler would be an unhandled rejection that ends the process.
 */
function resolveInside(root: string, requestUrl: string): string | "outside" | "malformed" {
  let relative: string;
  try {
    const { pathname } = new URL(requestUrl, "http://127.0.0.1");
    relative = decodeURIComponent(pathname).replace(/^\/+/, "") || "index.html";
  } catch {
    return "malformed";
  }
  const resolved = path.resolve(root, relative);
  return resolved === root || resolved.startsWith(root + path.sep) ? resolved : "outside";
}

export async function startRendererServer(root = builtRendererDir): Promise<RendererServer> {
  const server = createServer(async (request, response) => {
    const file = resolveInside(root, request.url ?? "/");
    if (file === "malformed" || file === "outside") {
      response.writeHead(file === "malformed" ? 400 : 403).end();
      return;
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405).end();
      return;
    }
    try {
      const body = await readFile(file);
      const type = contentTypes[path.extname(file)] ?? "application/octet-stream";
      response.writeHead(200, { "content-type": type, "cache-control": "no-store" });
      response.end(request.method === "HEAD" ? undefined : body);
    } catch {
      response
        .writeHead(404, { "content-type": "text/plain; charset=utf-8" })
        .end(`Not found: ${request.url}`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

if (import.meta.main) {
  const server = await startRendererServer();
  console.log(`Serving ${builtRendererDir} at ${server.url} (Ctrl-C to stop)`);
}
