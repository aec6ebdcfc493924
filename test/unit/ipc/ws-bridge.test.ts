import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startWsBridge, type WsBridge } from "../../../app/ipc/ws-bridge.ts";
import { type ServiceFixture, startService } from "../services/service-fixture.ts";

let fixture: ServiceFixture | undefined;
let bridge: WsBridge | undefined;
afterEach(async () => {
  await bridge?.close();
  await fixture?.close();
  bridge = undefined;
  fixture = undefined;
});

function connect(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once("open", () => resolve(socket));
    socket.once("unexpected-response", (_request, response) =>
      reject(new Error(`refused with HTTP ${response.statusCode}`)),
    );
    socket.once("error", reject);
  });
}

function nextFrame(socket: WebSocket, match: (frame: Record<string, unknown>) => boolean) {
  return new Promise<Record<string, unknown>>((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data)) as Record<string, unknown>;
      if (!match(frame)) return;
      socket.off("message", onMessage);
      resolve(frame);
    };
    socket.on("message", onMessage);
  });
}

describe("the WebSocket bridge", () => {
  it("listens on loopback only", async () => {
    fixture = await startService();
    bridge = await startWsBridge(fixture.service);
    expect(bridge.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it("refuses a connection without the token or with a wrong one", async () => {
    fixture = await startService();
    bridge = await startWsBridge(fixture.service);
    await expect(connect(bridge.url)).rejects.toThrow("HTTP 401");
    await expect(connect(`${bridge.url}?token=${"x".repeat(bridge.token.length)}`)).rejects.toThrow(
      "HTTP 401",
    );
  });

  it("answers a call with the service's result, and refuses an unknown channel", async () => {
    fixture = await startService();
    bridge = await startWsBridge(fixture.service);
    const socket = await connect(bridge.connectUrl);
    const status = nextFrame(socket, (frame) => frame.id === 1);
    socket.send(JSON.stringify({ id: 1, channel: "status.get", args: {} }));
    expect(await status).toMatchObject({ id: 1, result: { ok: true, data: { running: true } } });
    const unknown = nextFrame(socket, (frame) => frame.id === 2);
    socket.send(JSON.stringify({ id: 2, channel: "shell.exec", args: { command: "id" } }));
    expect(await unknown).toMatchObject({ id: 2, result: { ok: false, error: { code: "unknown-channel" } } });
    socket.close();
  });

  it("pushes a pairing request to a connected client as it happens", async () => {
    fixture = await startService({ dmPolicy: "pairing" });
    bridge = await startWsBridge(fixture.service);
    const socket = await connect(bridge.connectUrl);
    const pushed = nextFrame(
      socket,
      (frame) => frame.event === "pairing.changed" && JSON.stringify(frame.payload).includes("+15555550999"),
    );
    fixture.sim.injectInbound({ from: "+15555550999", text: "hello?" });
    const frame = await pushed;
    expect(frame).toMatchObject({
      payload: { accounts: [{ accountId: "default", pending: [{ sender: "+15555550999" }] }] },
    });
    socket.close();
  });

  it("closes a connection that sends something other than a request frame", async () => {
    fixture = await startService();
    bridge = await startWsBridge(fixture.service);
    const socket = await connect(bridge.connectUrl);
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    socket.send("not json");
    expect(await closed).toBe(1003);
  });
});
