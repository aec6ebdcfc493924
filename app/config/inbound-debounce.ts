import type { PinchConfig } from "./schema.ts";

/** The reference's channel id for iMessage, the key of `messages.inbound.byChannel`. */
const CHANNEL_ID = "imessage";

/**
 * How long Pinch waits for more messages from one sender before answering a
 * burst as one turn: `messages.inbound.byChannel.imessage`, else
 * `messages.inbound.debounceMs`, else 0 (every message is its own turn, as in
 * the reference, which sets no debounce for iMessage by default).
 */
export function inboundDebounceMs(config: PinchConfig): number {
  const inbound = config.messages?.inbound;
  return inbound?.byChannel?.[CHANNEL_ID] ?? inbound?.debounceMs ?? 0;
}
