import type { EventChannel, InvokeChannel } from "../../app/ipc/channels.ts";
import {
  type EventPayload,
  eventContract,
  type InvokeArgs,
  type InvokeData,
  invokeContract,
} from "../../app/ipc/contract.ts";
import { type IpcResult, ipcResultSchema } from "../../app/ipc/ipc-result.ts";
import type { PinchTransport } from "./transport.ts";

/** The contract, typed per channel, with every answer and event checked against its schema. */
export interface PinchClient {
  invoke<C extends InvokeChannel>(channel: C, args: InvokeArgs<C>): Promise<IpcResult<InvokeData<C>>>;
  on<E extends EventChannel>(channel: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createPinchClient(transport: PinchTransport): PinchClient {
  return {
    async invoke(channel, args) {
      let raw: unknown;
      try {
        raw = await transport.invoke(channel, args);
      } catch (error) {
        return { ok: false, error: { code: "transport", message: (error as Error).message } };
      }
      const parsed = ipcResultSchema(invokeContract[channel].result).safeParse(raw);
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            code: "bad-answer",
            message: `The gateway's answer to ${channel} had an unexpected shape.`,
          },
        };
      }
      return parsed.data as IpcResult<InvokeData<typeof channel>>;
    },
    on(channel, listener) {
      const schema = eventContract[channel];
      return transport.on(channel, (payload) => {
        const parsed = schema.safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<typeof channel>);
      });
    },
  };
}
