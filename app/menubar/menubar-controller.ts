import type {
  LoginItemStatus,
  MenubarGatewayStatus,
  MenubarPairingOverview,
  MenubarState,
} from "./menubar-state.ts";
import { findNewPairingRequests, type NewPairingRequest } from "./pairing-notifications.ts";
import type { ServiceResult } from "./run-tray-action.ts";

/** The window's service, as the menu bar uses it (app/ipc/pinch-service.ts). */
export interface MenubarService {
  invoke(channel: "status.get" | "pairing.list", args: unknown): Promise<ServiceResult>;
  subscribe(listener: (channel: string, payload: unknown) => void): () => void;
}

export interface MenubarControllerOptions {
  service: MenubarService;
  settings(): {
    pauseReplies: boolean;
    startAtLogin: boolean;
    loginItemStatus: LoginItemStatus;
    verboseLogging: boolean;
  };
  /** Draws the tray (title, tooltip, the menu for the next click). */
  render(state: MenubarState): void;
  /** One call per batch of requests that appeared since the last overview. */
  announce(requests: NewPairingRequest[], options: { showAccount: boolean }): void;
}

export interface MenubarController {
  state(): MenubarState;
  /** Re-reads the settings (after a preference or login-item change) and redraws. */
  refresh(): void;
  stop(): void;
}

/**
 * Keeps the menu bar in step with the gateway: the first status and pairing overview are fetched,
 * then every `status.changed` and `pairing.changed` event redraws it and announces new requests.
 */
export async function startMenubarController(options: MenubarControllerOptions): Promise<MenubarController> {
  let status: MenubarGatewayStatus | undefined;
  let pairing: MenubarPairingOverview | undefined;
  const state = (): MenubarState => ({ status, pairing, ...options.settings() });
  const render = () => options.render(state());

  const onPairing = (next: MenubarPairingOverview) => {
    const fresh = findNewPairingRequests(pairing, next);
    pairing = next;
    render();
    if (fresh.length > 0) {
      const accountsWithRequests = next.accounts.filter((account) => account.pending.length > 0).length;
      options.announce(fresh, { showAccount: accountsWithRequests > 1 || next.accounts.length > 1 });
    }
  };

  const unsubscribe = options.service.subscribe((channel, payload) => {
    if (channel === "status.changed") {
      status = payload as MenubarGatewayStatus;
      render();
    } else if (channel === "pairing.changed") {
      onPairing(payload as MenubarPairingOverview);
    }
  });

  const [firstStatus, firstPairing] = await Promise.all([
    options.service.invoke("status.get", {}),
    options.service.invoke("pairing.list", {}),
  ]);
  // An event may have arrived while these were on their way; it is newer, so it wins.
  if (firstStatus.ok && status === undefined) status = firstStatus.data as MenubarGatewayStatus;
  if (firstPairing.ok && pairing === undefined) pairing = firstPairing.data as MenubarPairingOverview;
  render();

  return {
    state,
    refresh: render,
    stop: unsubscribe,
  };
}
