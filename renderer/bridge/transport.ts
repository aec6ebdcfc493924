/**
 * How the window reaches the core: the preload's `window.pinch` inside the app, or the WebSocket
 * bridge in a plain browser (the test harness and the demo). Both carry the same contract.
 */
export interface PinchTransport {
  invoke(channel: string, args: unknown): Promise<unknown>;
  on(channel: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    /** Present only inside the Pinch app, where the preload exposes it. */
    readonly pinch?: PinchTransport;
  }
}
