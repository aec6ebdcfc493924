/**
 * Frames of the WebSocket bridge (the browser harness and the demo), shared by the server
 * (ws-bridge.ts) and the window's client (renderer/bridge). One JSON object per message.
 */
import { z } from "zod";
import { IpcErrorSchema } from "./ipc-result.ts";

/** The query parameter that carries the per-run token when connecting. */
export const BRIDGE_TOKEN_PARAM = "token";

export const RequestFrameSchema = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  args: z.unknown(),
});
export type RequestFrame = z.infer<typeof RequestFrameSchema>;

export const ResponseFrameSchema = z.object({
  id: z.number().int().nonnegative(),
  result: z.discriminatedUnion("ok", [
    z.object({ ok: z.literal(true), data: z.unknown() }),
    z.object({ ok: z.literal(false), error: IpcErrorSchema }),
  ]),
});

export const EventFrameSchema = z.object({ event: z.string(), payload: z.unknown() });

export const ServerFrameSchema = z.union([ResponseFrameSchema, EventFrameSchema]);
export type ServerFrame = z.infer<typeof ServerFrameSchema>;
