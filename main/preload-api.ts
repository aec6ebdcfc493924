// The object the preload exposes as `window.pinch`: exactly the contract's channels, nothing of
// Electron. It imports only the channel lists (no zod), so the sandboxed preload bundle stays small.
import { type EventChannel, isEventChannel, isInvokeChannel } from "../app/ipc/channels.ts";
import { eventWireChannel, invokeWireChannel } from "./ipc-wire.ts";

/** The part of `ipcRenderer` the bridge uses. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface PinchBridge {
  invoke(channel: string, args?: unknown): Promise<unknown>;
  on(channel: string, listener: (payload: unknown) => void): () => void;
}

export function createPinchBridge(ipc: RendererIpc): PinchBridge {
  return {
    invoke(channel, args) {
      if (!isInvokeChannel(channel)) {
        return Promise.reject(new Error(`"${String(channel)}" is not a channel of the Pinch contract.`));
      }
      return ipc.invoke(invokeWireChannel(channel), args ?? {});
    },
    on(channel, listener) {
      if (!isEventChannel(channel))
        throw new Error(`"${String(channel)}" is not an event of the Pinch contract.`);
      const wire = eventWireChannel(channel as EventChannel);
      // Hand the page only the payload: the IPC event carries `sender`, a handle to ipcRenderer itself.
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(wire, forward);
      return () => {
        ipc.removeListener(wire, forward);
      };
    },
  };
}
