import { z } from "zod";
import { FailureActionSchema } from "../errors/failure-explanation.ts";

/**
 * What every invoke channel answers. Handlers never throw across the bridge: a failure is a value
 * with a stable `code`, a sentence for the user, and the key path or argument it is about.
 */
export const IpcErrorSchema = z.object({
  /** `invalid-args`, `unknown-channel`, `invalid-config`, `not-found`, `unavailable`, `internal`… */
  code: z.string(),
  message: z.string(),
  /** The config key path (`channels.imessage.allowFrom[1]`) or argument path the error belongs to. */
  field: z.string().optional(),
  /** The raw text behind `message` (an error code, a provider's words), for the window's "Details". */
  detail: z.string().optional(),
  /** What the window can offer as a button (failure-explanation.ts). */
  action: FailureActionSchema.optional(),
});
export type IpcError = z.infer<typeof IpcErrorSchema>;

export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcError };

export function ipcResultSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion("ok", [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: IpcErrorSchema }),
  ]);
}

export function ok<T>(data: T): IpcResult<T> {
  return { ok: true, data };
}

export function fail(
  code: string,
  message: string,
  field?: string,
  more: Pick<IpcError, "detail" | "action"> = {},
): { ok: false; error: IpcError } {
  return { ok: false, error: { code, message, ...(field === undefined ? {} : { field }), ...more } };
}
