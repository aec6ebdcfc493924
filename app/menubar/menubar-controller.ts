import type { PinchClient } from "../ipc/pinch-client.ts";
import { type MessageAwaitingYes, messagesAwaitingYes } from "./confirmation-notifications.ts";
import type {
  LoginItemStatus,
  MenubarGatewayStatus,
  MenubarPairingOverview,
  MenubarState,
} from "./menubar-state.ts";
import { findNewPairingRequests, type NewPairingRequest } from "./pairing-notifications.ts";

export interface MenubarControllerOptions {
  /** The window's contract, in process (app/ipc/service-client.ts). */
  client: PinchClient;
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
  /** Messages for another chat newly waiting for the owner's yes (those waiting at start too). */
  askToConfirm?(messages: MessageAwaitingYes[]): void;
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

  const { client } = options;
  // Each message is asked about once. A waiting one is found after the turn that set it, which the
  // gateway follows with a status; a message left waiting when Pinch quit is asked about at start.
  const asked = new Set<string>();
  const askAboutNewConfirmations = async () => {
    if (!options.askToConfirm) return;
    const listed = await client.invoke("reminders.list", {});
    if (!listed.ok) return;
    const fresh = messagesAwaitingYes(listed.data).filter(
      (message) => !asked.has(`${message.accountId}\n${message.id}`),
    );
    for (const message of fresh) asked.add(`${message.accountId}\n${message.id}`);
    if (fresh.length > 0) options.askToConfirm(fresh);
  };
  const unsubscribe = [
    client.on("status.changed", (next) => {
      status = next;
      render();
      void askAboutNewConfirmations();
    }),
    client.on("pairing.changed", onPairing),
  ];

  const [firstStatus, firstPairing] = await Promise.all([
    client.invoke("status.get", {}),
    client.invoke("pairing.list", {}),
  ]);
  // An event may have arrived while these were on their way; it is newer, so it wins.
  if (firstStatus.ok && status === undefined) status = firstStatus.data;
  if (firstPairing.ok && pairing === undefined) pairing = firstPairing.data;
  render();
  await askAboutNewConfirmations();

  return {
    state,
    refresh: render,
    stop: () => {
      for (const stop of unsubscribe) stop();
    },
  };
}
