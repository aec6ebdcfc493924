import type { EventChannel, InvokeChannel } from "./channels.ts";
import type { EventPayload, InvokeArgs, InvokeData } from "./contract.ts";
import type { IpcResult } from "./ipc-result.ts";

/**
 * The contract, typed per channel: what the window's bridge (renderer/bridge) and the core's own
 * process (service-client.ts) both call. Types only, so the window can import it.
 */
export interface PinchClient {
  invoke<C extends InvokeChannel>(channel: C, args: InvokeArgs<C>): Promise<IpcResult<InvokeData<C>>>;
  on<E extends EventChannel>(channel: E, listener: (payload: EventPayload<E>) => void): () => void;
}
