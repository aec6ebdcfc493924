/**
 * The window's contract over a WebSocket, for running the unchanged renderer in a plain browser:
 * the Playwright harness and `npm run demo`. Loopback only, a random port, and a per-run token
 * that every connection must present; anything else is refused before the upgrade. A connection
 * that misbehaves afterwards is closed on its own: the core goes on serving every other one.
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import type { ContractServer } from "./contract-server.ts";
import { BRIDGE_TOKEN_PARAM, RequestFrameSchema } from "./ws-frames.ts";
import { checkUpgrade } from "./ws-upgrade-check.ts";

export interface WsBridge {
  /** `ws://127.0.0.1:<port>/` */
  url: string;
  token: string;
  /** The URL with the token, as a client connects. */
  connectUrl: string;
  close(): Promise<void>;
}

// A request frame is small; anything larger is not ours.
const MAX_FRAME_BYTES = 1024 * 1024;

export async function startWsBridge(
  service: ContractServer,
  options: { token?: string } = {},
): Promise<WsBridge> {
  const token = options.token ?? randomBytes(24).toString("base64url");
  const http = createServer((_request, response) => response.writeHead(426).end());
  const wss = new WebSocketServer({
    server: http,
    maxPayload: MAX_FRAME_BYTES,
    verifyClient: ({ req }, done) => {
      const verdict = checkUpgrade(req, token);
      if (verdict.ok) done(true);
      else done(false, verdict.status, verdict.reason);
    },
  });
  wss.on("connection", (socket) => serve(socket, service));
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(0, "127.0.0.1", resolve);
  });
  const { port } = http.address() as AddressInfo;
  const url = `ws://127.0.0.1:${port}/`;
  return {
    url,
    token,
    connectUrl: `${url}?${BRIDGE_TOKEN_PARAM}=${encodeURIComponent(token)}`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function serve(socket: WebSocket, service: ContractServer): void {
  const send = (frame: unknown) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const stop = service.subscribe((event, payload) => send({ event, payload }));
  socket.on("close", stop);
  // A frame ws cannot accept (over maxPayload, invalid UTF-8, a bad opcode, unmasked) has already
  // closed this connection with the matching code when `error` fires; without a listener the
  // event would be thrown instead, and end the core.
  socket.on("error", () => undefined);
  socket.on("message", (data) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(data));
    } catch {
      socket.close(1003, "frames are JSON");
      return;
    }
    const frame = RequestFrameSchema.safeParse(parsed);
    if (!frame.success) {
      socket.close(1003, "not a request frame");
      return;
    }
    const { id, channel, args } = frame.data;
    void service.invoke(channel, args).then((result) => send({ id, result }));
  });
}
