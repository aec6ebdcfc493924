import { ServerFrameSchema } from "../../app/ipc/ws-frames.ts";
import type { PinchTransport } from "./transport.ts";

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** The contract over the harness's WebSocket bridge; calls made before the socket opens wait for it. */
export function createWsTransport(connectUrl: string): PinchTransport {
  const socket = new WebSocket(connectUrl);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener("open", () => resolve(), { once: true });
    socket.addEventListener(
      "error",
      () => reject(new Error("Could not connect to the Pinch gateway bridge.")),
      {
        once: true,
      },
    );
  });
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;

  socket.addEventListener("message", (message) => {
    let raw: unknown;
    try {
      raw = JSON.parse(String(message.data));
    } catch {
      return;
    }
    const frame = ServerFrameSchema.safeParse(raw);
    if (!frame.success) return;
    if ("id" in frame.data) {
      const call = pending.get(frame.data.id);
      pending.delete(frame.data.id);
      call?.resolve(frame.data.result);
    } else {
      for (const listener of listeners.get(frame.data.event) ?? []) listener(frame.data.payload);
    }
  });
  socket.addEventListener("close", () => {
    for (const call of pending.values())
      call.reject(new Error("The connection to the Pinch gateway closed."));
    pending.clear();
  });

  return {
    async invoke(channel, args) {
      await opened;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        socket.send(JSON.stringify({ id, channel, args }));
      });
    },
    on(channel, listener) {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
      }
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
