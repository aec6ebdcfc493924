// The renderer's view of the gateway: the methods that main/preload.ts exposes as `window.pinch`.
// It is a plain interface for now; the zod-checked IPC contract in app/ipc will take its place.

/** Lifecycle of one account's `imsg rpc` child, as the gateway supervises it. */
export type AccountState = "starting" | "ready" | "backoff" | "stopped" | "needs-permission";

export interface AccountStatus {
  id: string;
  /** The name the user gave the account in the config, when there is one. */
  name?: string;
  state: AccountState;
  /** A sentence for the user, e.g. which permission is missing or when the next retry happens. */
  detail?: string;
}

export interface GatewayStatus {
  accounts: AccountStatus[];
}

export interface PinchApi {
  getStatus(): Promise<GatewayStatus>;
  /** Calls `listener` with every status change; the returned function stops the calls. */
  onStatus(listener: (status: GatewayStatus) => void): () => void;
}
