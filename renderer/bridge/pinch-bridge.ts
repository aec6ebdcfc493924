import type { PinchApi } from "./pinch-api.ts";

declare global {
  interface Window {
    /** Present only inside the Pinch app, where the preload script exposes it. */
    readonly pinch?: PinchApi;
  }
}

/** The gateway bridge, or undefined when the page runs in a plain browser. */
export function findPinchBridge(): PinchApi | undefined {
  return window.pinch;
}
