// The window's side of the contract: what it accepts from the core, checked by the same schemas.
import { describe, expect, it } from "vitest";
import { createPinchClient } from "../../../renderer/bridge/pinch-client.ts";
import type { PinchTransport } from "../../../renderer/bridge/transport.ts";

function transportAnswering(answer: () => Promise<unknown>) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const transport: PinchTransport = {
    invoke: () => answer(),
    on(channel, listener) {
      listeners.set(channel, listener);
      return () => listeners.delete(channel);
    },
  };
  return { transport, push: (channel: string, payload: unknown) => listeners.get(channel)?.(payload) };
}

describe("the window's client", () => {
  it("passes on an answer that matches the channel's result schema", async () => {
    const { transport } = transportAnswering(async () => ({ ok: true, data: { removed: true } }));
    const result = await createPinchClient(transport).invoke("pairing.remove", {
      accountId: "default",
      key: "+1",
    });
    expect(result).toEqual({ ok: true, data: { removed: true } });
  });

  it("refuses an answer of the wrong shape instead of handing it to a screen", async () => {
    const { transport } = transportAnswering(async () => ({ ok: true, data: { removed: "yes" } }));
    const result = await createPinchClient(transport).invoke("pairing.remove", {
      accountId: "default",
      key: "+1",
    });
    expect(result).toMatchObject({ ok: false, error: { code: "bad-answer" } });
  });

  it("passes on the core's error with its field", async () => {
    const error = {
      code: "invalid-config",
      message: "expected a number",
      field: "channels.imessage.textChunkLimit",
    };
    const { transport } = transportAnswering(async () => ({ ok: false, error }));
    const result = await createPinchClient(transport).invoke("config.set", { keyPath: "x", value: 1 });
    expect(result).toEqual({ ok: false, error });
  });

  it("turns a broken connection into an error value", async () => {
    const { transport } = transportAnswering(() =>
      Promise.reject(new Error("The connection to the Pinch gateway closed.")),
    );
    const result = await createPinchClient(transport).invoke("status.get", {});
    expect(result).toEqual({
      ok: false,
      error: { code: "transport", message: "The connection to the Pinch gateway closed." },
    });
  });

  it("drops an event whose payload does not match its schema", () => {
    const { transport, push } = transportAnswering(async () => undefined);
    const seen: unknown[] = [];
    createPinchClient(transport).on("log.line", (line) => seen.push(line));
    push("log.line", { seq: "one" });
    const line = { seq: 1, time: "2026-11-25T00:00:00.000Z", level: "info", message: "ready", fields: {} };
    push("log.line", line);
    expect(seen).toEqual([line]);
  });
});
