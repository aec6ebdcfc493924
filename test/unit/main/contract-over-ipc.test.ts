// The wiring of the window's contract through Electron IPC, with Electron's two ends replaced by
// an in-memory pair that behaves like them (a handler per channel; events to listeners).
import { afterEach, describe, expect, it } from "vitest";
import { eventChannels, invokeChannels } from "../../../app/ipc/channels.ts";
import type { ContractServer } from "../../../app/ipc/contract-server.ts";
import { eventWireChannel, invokeWireChannel } from "../../../main/ipc-wire.ts";
import { createPinchBridge, type RendererIpc } from "../../../main/preload-api.ts";
import {
  type InvokeEvent,
  isSamePage,
  type MainIpc,
  serveContractOverIpc,
} from "../../../main/service-ipc.ts";
import { type ServiceFixture, startService } from "../services/service-fixture.ts";

const pageUrl = "file:///Applications/Pinch.app/Contents/Resources/app.asar/dist/renderer/index.html";

function ipcPair() {
  const handlers = new Map<string, (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>>();
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const contents = {
    send(channel: string, payload: unknown) {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: "ipcRenderer" }, payload);
    },
  };
  let frame = { url: `${pageUrl}#view=status`, parent: null as unknown };
  let sender: unknown = contents;
  const main: MainIpc = {
    handle: (channel, handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  const renderer: RendererIpc = {
    invoke: async (channel, ...args) => {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler({ sender, senderFrame: frame }, ...args);
    },
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  return {
    main,
    renderer,
    contents,
    handlers,
    listeners,
    actAs(next: { url?: string; parent?: unknown; sender?: unknown }) {
      frame = { url: next.url ?? frame.url, parent: next.parent === undefined ? frame.parent : next.parent };
      if (next.sender !== undefined) sender = next.sender;
    },
  };
}

/** A small service that records calls and emits on request. */
function recordingService() {
  const calls: [string, unknown][] = [];
  const subscribers = new Set<Parameters<ContractServer["subscribe"]>[0]>();
  const service: ContractServer & { emit(channel: string, payload: unknown): void } = {
    invoke: async (channel, args) => {
      calls.push([channel, args]);
      return { ok: true, data: { echoed: channel } };
    },
    subscribe: (listener) => {
      subscribers.add(listener);
      return () => subscribers.delete(listener);
    },
    emit: (channel, payload) => {
      for (const listener of subscribers) listener(channel as never, payload);
    },
  };
  return { service, calls, subscribers };
}

let fixture: ServiceFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe("the contract over Electron IPC", () => {
  it("registers exactly one handler per invoke channel, and removes them all", () => {
    const pair = ipcPair();
    const { service, subscribers } = recordingService();
    const stop = serveContractOverIpc({
      ipc: pair.main,
      service,
      page: { contents: () => pair.contents, pageUrl: () => pageUrl },
    });
    expect([...pair.handlers.keys()].sort()).toEqual(invokeChannels.map(invokeWireChannel).sort());
    stop();
    expect(pair.handlers.size).toBe(0);
    expect(subscribers.size).toBe(0);
  });

  it("a call from our page reaches the service with its arguments; events reach the page's listeners", async () => {
    const pair = ipcPair();
    const { service, calls } = recordingService();
    serveContractOverIpc({
      ipc: pair.main,
      service,
      page: { contents: () => pair.contents, pageUrl: () => pageUrl },
    });
    const bridge = createPinchBridge(pair.renderer);
    expect(await bridge.invoke("pairing.list", {})).toEqual({ ok: true, data: { echoed: "pairing.list" } });
    expect(calls).toEqual([["pairing.list", {}]]);

    const seen: unknown[] = [];
    const off = bridge.on("status.changed", (payload) => seen.push(payload));
    service.emit("status.changed", { running: true });
    service.emit("not.an.event", { leaked: true });
    off();
    service.emit("status.changed", { running: false });
    expect(seen).toEqual([{ running: true }]);
    expect(pair.listeners.get(eventWireChannel("status.changed"))?.size).toBe(0);
  });

  it("refuses calls from an embedded frame, another web contents, or another page", async () => {
    const pair = ipcPair();
    const { service, calls } = recordingService();
    serveContractOverIpc({
      ipc: pair.main,
      service,
      page: { contents: () => pair.contents, pageUrl: () => pageUrl },
    });
    const bridge = createPinchBridge(pair.renderer);
    const forbidden = { ok: false, error: { code: "forbidden", message: expect.any(String) } };

    pair.actAs({ parent: { url: pageUrl } });
    expect(await bridge.invoke("status.get", {})).toEqual(forbidden);
    pair.actAs({ parent: null, sender: { send: () => undefined } });
    expect(await bridge.invoke("status.get", {})).toEqual(forbidden);
    pair.actAs({ sender: pair.contents, url: "https://evil.example/index.html" });
    expect(await bridge.invoke("status.get", {})).toEqual(forbidden);
    expect(calls).toEqual([]);
  });

  it("with the window closed every call is refused", async () => {
    const pair = ipcPair();
    const { service } = recordingService();
    serveContractOverIpc({
      ipc: pair.main,
      service,
      page: { contents: () => undefined, pageUrl: () => undefined },
    });
    const result = await createPinchBridge(pair.renderer).invoke("status.get", {});
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("the preload refuses channels outside the contract before anything is sent", async () => {
    const pair = ipcPair();
    const bridge = createPinchBridge(pair.renderer);
    await expect(bridge.invoke("shell.openExternal", { url: "https://evil.example" })).rejects.toThrow(
      /not a channel of the Pinch contract/,
    );
    expect(() => bridge.on("ipc.raw", () => undefined)).toThrow(/not an event/);
    expect(Object.keys(bridge).sort()).toEqual(["invoke", "on"]);
    expect(eventChannels.length).toBeGreaterThan(0);
  });

  it("serves the real service end to end: validation errors come back as values", async () => {
    fixture = await startService();
    const pair = ipcPair();
    serveContractOverIpc({
      ipc: pair.main,
      service: fixture.service,
      page: { contents: () => pair.contents, pageUrl: () => pageUrl },
    });
    const bridge = createPinchBridge(pair.renderer);
    const status = (await bridge.invoke("status.get", {})) as { ok: boolean; data: { running: boolean } };
    expect(status.ok).toBe(true);
    expect(status.data.running).toBe(true);
    const bad = await bridge.invoke("pairing.approve", { accountId: "default", code: 42 });
    expect(bad).toMatchObject({ ok: false, error: { code: "invalid-args", field: "code" } });
  });

  it("the page check ignores the view fragment but not the file or the origin", () => {
    expect(isSamePage(`${pageUrl}#view=pairing`, pageUrl)).toBe(true);
    expect(isSamePage("file:///tmp/index.html", pageUrl)).toBe(false);
    expect(isSamePage("http://localhost:5173/#view=setup", "http://localhost:5173/")).toBe(true);
    expect(isSamePage("http://localhost:5174/", "http://localhost:5173/")).toBe(false);
    expect(isSamePage("not a url", pageUrl)).toBe(false);
  });

  it("a file: URL on another host is not the bundled page, even with the same path", () => {
    const path = new URL(pageUrl).pathname;
    expect(isSamePage(`file://evil-host${path}`, pageUrl)).toBe(false);
    expect(isSamePage(`file://evil-host${path}#view=pairing`, pageUrl)).toBe(false);
    expect(isSamePage(`file://127.0.0.1${path}`, pageUrl)).toBe(false);
    // "localhost" is the empty host of a file: URL, spelled out.
    expect(isSamePage(`file://localhost${path}`, pageUrl)).toBe(true);
  });
});
