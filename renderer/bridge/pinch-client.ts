import { type EventPayload, eventContract, type InvokeData, invokeContract } from "../../app/ipc/contract.ts";
import { type IpcResult, ipcResultSchema } from "../../app/ipc/ipc-result.ts";
import type { PinchClient } from "../../app/ipc/pinch-client.ts";
import type { PinchTransport } from "./transport.ts";

/** The contract over a transport, with every answer and event checked against its schema. */
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
