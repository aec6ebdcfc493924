// Bad input on the WebSocket bridge closes the one connection it came on: the core, a process of
// its own here, goes on serving a well-behaved client.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { type BridgeProcess, startBridgeProcess } from "./bridge-process.ts";
import { encodeFrame, exchange, invokeStatus, statusOf, upgradeRequest } from "./raw-ws.ts";

let core: BridgeProcess | undefined;
// A test that ended the core must not take the next ones down with it.
beforeEach(async () => {
  if (core && (await serving(core))) return;
  await core?.stop();
  core = await startBridgeProcess();
}, 30_000);
afterAll(async () => {
  await core?.stop();
});

function running(): BridgeProcess {
  if (!core) throw new Error("the bridge process did not start");
  return core;
}

async function serving(bridge: BridgeProcess): Promise<boolean> {
  try {
    await invokeStatus(bridge.connectUrl, 1_000);
    return bridge.alive();
  } catch {
    return false;
  }
}

async function expectStillServing(): Promise<void> {
  const bridge = running();
  // A crash lands on the next turn of the core's event loop, after it has answered or closed.
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(bridge.alive(), bridge.stderr()).toBe(true);
  expect(await invokeStatus(bridge.connectUrl)).toMatchObject({ ok: true, data: { running: true } });
}

const withToken = () => `/?token=${encodeURIComponent(running().token)}`;
const loopbackHost = () => `127.0.0.1:${running().port}`;

/** The upgrade of `headers` with the right token, followed by `frames`; resolves with the answer. */
function afterHandshake(frames: Buffer[], headers: Record<string, string | undefined> = {}) {
  const request = upgradeRequest(withToken(), { Host: loopbackHost(), ...headers });
  return exchange(running().port, Buffer.concat([Buffer.from(request, "latin1"), ...frames]));
}

/** The close code in the server's close frame, after its 101 answer. */
function closeCodeOf(answer: Buffer): number | undefined {
  const headEnd = answer.indexOf("\r\n\r\n");
  const frame = answer.subarray(headEnd + 4);
  if (headEnd < 0 || frame.length < 4 || (frame[0] as number) !== 0x88) return undefined;
  return frame.readUInt16BE(2);
}

describe("the WebSocket bridge under bad input", () => {
  it("answers 400 to an upgrade whose target is not a URL path, before any token is needed", async () => {
    for (const target of ["//", "//a:b@/", "http://[", "\\\\"]) {
      const answer = await exchange(running().port, upgradeRequest(target, { Host: loopbackHost() }));
      expect(statusOf(answer), target).toBe(400);
    }
    await expectStillServing();
  });

  it("refuses an Origin or a Host that is not loopback, even with the right token", async () => {
    for (const origin of ["http://evil.example", "null", "http://127.0.0.1.evil.example", "file://"]) {
      expect(statusOf(await afterHandshake([], { Origin: origin })), origin).toBe(403);
    }
    for (const host of ["evil.example", `evil.example:${running().port}`, "127.0.0.2", ""]) {
      expect(statusOf(await afterHandshake([], { Host: host })), host).toBe(403);
    }
    await expectStillServing();
  });

  it("lets in a loopback page by any loopback name and port, and a program that sends no Origin", async () => {
    const port = running().port;
    for (const origin of ["http://127.0.0.1:5173", "http://localhost:8080", "http://[::1]:1", undefined]) {
      expect(statusOf(await afterHandshake([], { Origin: origin })), String(origin)).toBe(101);
    }
    for (const host of [`localhost:${port}`, `[::1]:${port}`, "LOCALHOST"]) {
      expect(statusOf(await afterHandshake([], { Host: host })), host).toBe(101);
    }
    await expectStillServing();
  });

  it("closes a connection that sends a frame over 1 MiB (1009), and keeps serving", async () => {
    const payload = Buffer.alloc(1024 * 1024 + 1, 0x61);
    const answer = await afterHandshake([
      encodeFrame({ fin: true, rsv: 0, opcode: 1, masked: true, payload }),
    ]);
    expect(closeCodeOf(answer)).toBe(1009);
    await expectStillServing();
  });

  it("closes a connection that sends invalid UTF-8 in a text frame (1007), and keeps serving", async () => {
    const payload = Buffer.from([0x7b, 0xc0, 0xaf, 0xff, 0x7d]);
    const answer = await afterHandshake([
      encodeFrame({ fin: true, rsv: 0, opcode: 1, masked: true, payload }),
    ]);
    expect(closeCodeOf(answer)).toBe(1007);
    await expectStillServing();
  });

  it("closes a connection that sends an unknown opcode or an unmasked frame (1002), and keeps serving", async () => {
    const payload = Buffer.from("{}");
    const badOpcode = await afterHandshake([
      encodeFrame({ fin: true, rsv: 0, opcode: 3, masked: true, payload }),
    ]);
    expect(closeCodeOf(badOpcode)).toBe(1002);
    const unmasked = await afterHandshake([
      encodeFrame({ fin: true, rsv: 0, opcode: 1, masked: false, payload }),
    ]);
    expect(closeCodeOf(unmasked)).toBe(1002);
    await expectStillServing();
  });
});
