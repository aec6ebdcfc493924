import type { PinchTransport } from "./transport.ts";
import { createWsTransport } from "./ws-transport.ts";

/**
 * The transport for this page: the preload's bridge in the app; in a browser, the WebSocket bridge
 * named in the page's fragment (`#bridge=<ws url with token>`, never sent to any server); else none.
 */
export function findPinchTransport(): PinchTransport | undefined {
  if (window.pinch) return window.pinch;
  const bridge = new URLSearchParams(window.location.hash.slice(1)).get("bridge");
  if (bridge && /^ws:\/\/127\.0\.0\.1:\d+\//.test(bridge)) return createWsTransport(bridge);
  return undefined;
}
