import type { MenubarPairingOverview } from "./menubar-state.ts";

export interface NewPairingRequest {
  accountId: string;
  code: string;
  sender: string;
}

/**
 * Requests in `next` that `previous` did not have. The first overview the app sees is a baseline:
 * what was already waiting when Pinch started shows in the tray count, not as a burst of banners.
 */
export function findNewPairingRequests(
  previous: MenubarPairingOverview | undefined,
  next: MenubarPairingOverview,
): NewPairingRequest[] {
  if (!previous) return [];
  const known = new Set(
    previous.accounts.flatMap((account) =>
      account.pending.map((request) => `${account.accountId}\n${request.code}`),
    ),
  );
  return next.accounts.flatMap((account) =>
    account.pending
      .filter((request) => !known.has(`${account.accountId}\n${request.code}`))
      .map((request) => ({ accountId: account.accountId, code: request.code, sender: request.sender })),
  );
}

export interface PairingNotificationContent {
  title: string;
  body: string;
  /** Button labels, in order; the first is the default action on macOS. */
  actions: ["Approve", "Dismiss"];
}

export function pairingNotificationContent(
  request: NewPairingRequest,
  options: { showAccount: boolean },
): PairingNotificationContent {
  return {
    title: "New pairing request",
    body: `${request.sender} wants to talk to your assistant${options.showAccount ? ` on ${request.accountId}` : ""} (code ${request.code}).`,
    actions: ["Approve", "Dismiss"],
  };
}
