import type { EventPayload, InvokeData } from "./contract.ts";
import type { ContractServer } from "./contract-server.ts";
import type { IpcResult } from "./ipc-result.ts";
import type { PinchClient } from "./pinch-client.ts";

/**
 * The contract, typed per channel, for callers in the service's own process (the menu bar, main).
 * Nothing is checked a second time: the service parses every answer with its channel's schema and
 * emits every event with its channel's payload type, so only the static types are restored here.
 */
export function serviceClient(service: ContractServer): PinchClient {
  return {
    invoke: (channel, args) =>
      service.invoke(channel, args) as Promise<IpcResult<InvokeData<typeof channel>>>,
    on: (channel, listener) =>
      service.subscribe((name, payload) => {
        if (name === channel) listener(payload as EventPayload<typeof channel>);
      }),
  };
}
