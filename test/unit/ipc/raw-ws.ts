// The WebSocket bridge at the byte level, for sending what no well-behaved client would: upgrade
// requests written out by hand and frames built bit by bit (RFC 6455, section 5.2).
import { connect, type Socket } from "node:net";
import WebSocket from "ws";

export interface RawFrame {
  fin: boolean;
  /** The three reserved bits, 0 in any valid frame without extensions. */
  rsv: number;
  opcode: number;
  /** Clients must mask; an unmasked frame is a protocol error. */
  masked: boolean;
  payload: Buffer;
  /** The length the header claims, when it is not the payload's (a frame over the limit, a lie). */
  declaredLength?: bigint;
}

export function encodeFrame(frame: RawFrame): Buffer {
  const length = frame.declaredLength ?? BigInt(frame.payload.length);
  const first = (frame.fin ? 0x80 : 0) | ((frame.rsv & 7) << 4) | (frame.opcode & 0x0f);
  const maskBit = frame.masked ? 0x80 : 0;
  let header: Buffer;
  if (length < 126n) header = Buffer.from([first, maskBit | Number(length)]);
  else if (length < 65536n) {
    header = Buffer.alloc(4);
    header.writeUInt8(first, 0);
    header.writeUInt8(maskBit | 126, 1);
    header.writeUInt16BE(Number(length), 2);
  } else {
    header = Buffer.alloc(10);
    header.writeUInt8(first, 0);
    header.writeUInt8(maskBit | 127, 1);
    header.writeBigUInt64BE(length, 2);
  }
  if (!frame.masked) return Buffer.concat([header, frame.payload]);
  const key = Buffer.from([0x37, 0xfa, 0x21, 0x3d]);
  const body = Buffer.from(frame.payload.map((byte, index) => byte ^ (key[index % 4] as number)));
  return Buffer.concat([header, key, body]);
}

/** A handshake as a browser would send it, with `headers` replacing or adding lines. */
export function upgradeRequest(target: string, headers: Record<string, string | undefined>): string {
  const lines = {
    Host: "127.0.0.1",
    Upgrade: "websocket",
    Connection: "Upgrade",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Version": "13",
    ...headers,
  };
  const written = Object.entries(lines).filter(([, value]) => value !== undefined);
  return `GET ${target} HTTP/1.1\r\n${written.map(([name, value]) => `${name}: ${value}\r\n`).join("")}\r\n`;
}

/**
 * Writes `bytes` on a fresh connection, then half-closes it, and resolves with whatever the server
 * sent back once it has closed (or after `timeoutMs`, when it has not).
 */
export function exchange(port: number, bytes: Buffer | string, timeoutMs = 2_000): Promise<Buffer> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, "127.0.0.1");
    const received: Buffer[] = [];
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(received));
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on("data", (chunk) => received.push(chunk));
    // A reset while writing (the server closed first) is an answer too.
    socket.on("error", done);
    socket.on("close", done);
    socket.end(bytes);
  });
}

/** The status code of an HTTP answer, or 0 when there was none. */
export function statusOf(answer: Buffer): number {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(answer.toString("latin1"));
  return match ? Number(match[1]) : 0;
}

/** A well-behaved client's call: what a test checks after abuse to see the core still serves. */
export function invokeStatus(connectUrl: string, timeoutMs = 5_000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(connectUrl);
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error("no answer to status.get"));
    }, timeoutMs);
    socket.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once("open", () => socket.send(JSON.stringify({ id: 1, channel: "status.get", args: {} })));
    socket.on("message", (data) => {
      const frame = JSON.parse(String(data)) as { id?: number; result?: unknown };
      if (frame.id !== 1) return;
      clearTimeout(timer);
      socket.close();
      resolve(frame.result);
    });
  });
}
