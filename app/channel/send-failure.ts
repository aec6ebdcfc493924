import { DeliveryFailureSchema, RpcErrorCode } from "../imsg/protocol.ts";
import { RpcFailure } from "../imsg/rpc-error.ts";

/**
 * What a failed `send` means for the message, from imsg's typed errors
 * (protocol 1) and the transport: whether it may have gone out, whether it
 * is safe to send again, and what to do meanwhile.
 */
export type SendFailure =
  /** -32001: it may have gone out, or may still: prove it before anything else; never resend blindly. */
  | { kind: "outcome-unknown"; stillInFlight: boolean; detail: string }
  /** -32004: an earlier send is still in flight; nothing later goes until the child restarts. */
  | { kind: "lane-blocked"; detail: string }
  /** Refused before dispatch (`not_started`, retry-safe), or refused outright (AppleScript, Automation). */
  | { kind: "refused"; retrySafe: boolean; automation: boolean; detail: string }
  /** -32002 or -32000: imsg cannot take it now (database unavailable, busy); nothing was dispatched. */
  | { kind: "not-now"; detail: string }
  /** -32602 or params Pinch built wrongly: a bug in Pinch, never retried. */
  | { kind: "our-bug"; detail: string }
  /** The child died, closed its pipe or did not answer: the send may have landed. */
  | { kind: "interrupted"; timedOut: boolean; detail: string };

export function classifySendFailure(error: unknown): SendFailure {
  const detail = error instanceof Error ? error.message : String(error);
  if (!(error instanceof RpcFailure)) return { kind: "refused", retrySafe: false, automation: false, detail };
  if (error.kind === "invalid-params" || error.code === RpcErrorCode.invalidParams)
    return { kind: "our-bug", detail };
  if (error.kind !== "rpc-error" && error.kind !== "invalid-result")
    return { kind: "interrupted", timedOut: error.kind === "timeout", detail };
  const delivery = DeliveryFailureSchema.safeParse(error.data);
  switch (error.code) {
    case RpcErrorCode.deliveryUncertain:
      return {
        kind: "outcome-unknown",
        stillInFlight: delivery.success && delivery.data.disposition === "still_in_flight",
        detail,
      };
    case RpcErrorCode.mutationLaneBlocked:
      return { kind: "lane-blocked", detail };
    case RpcErrorCode.databaseUnavailable:
    case RpcErrorCode.serverBusy:
      return { kind: "not-now", detail };
    default:
      return {
        kind: "refused",
        retrySafe: delivery.success && delivery.data.retry_safe,
        automation: error.permission === "automation",
        detail,
      };
  }
}

/** macOS 26 can answer a group send with an empty, unjoined SMS row instead of delivering it. */
export function isGhostRow(detail: string): boolean {
  return /ghost[- ]?row|unjoined/i.test(detail);
}
