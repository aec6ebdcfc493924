import type { AccountStatusView, GatewayStatus, PairingOverview } from "../ipc/view-schemas.ts";

/**
 * What the menu bar shows, cut from the window's contract (app/ipc/contract.ts) to the fields it
 * reads, so a test can describe a menu without a whole gateway status.
 */
export type MenubarGatewayStatus = Pick<GatewayStatus, "running" | "problem"> & {
  accounts: AccountStatusView[];
};

type PairingAccount = PairingOverview["accounts"][number];
type MenubarPendingRequest = Pick<PairingAccount["pending"][number], "code" | "sender" | "createdAt">;

export interface MenubarPairingOverview {
  accounts: (Pick<PairingAccount, "accountId"> & { pending: MenubarPendingRequest[] })[];
}

/** macOS 13+ reports whether the login item waits for the user's approval in System Settings. */
export type LoginItemStatus = "enabled" | "requires-approval" | "not-registered" | "not-found" | "unknown";

export interface MenubarState {
  status: MenubarGatewayStatus | undefined;
  pairing: MenubarPairingOverview | undefined;
  pauseReplies: boolean;
  startAtLogin: boolean;
  loginItemStatus: LoginItemStatus;
  /** Message text in the log file, for a bug report. */
  verboseLogging: boolean;
}

export function pendingRequestCount(pairing: MenubarPairingOverview | undefined): number {
  return (pairing?.accounts ?? []).reduce((sum, account) => sum + account.pending.length, 0);
}

/** The tray title next to the lobster: the number of waiting pairing requests, or nothing. */
export function trayTitle(pairing: MenubarPairingOverview | undefined): string {
  const count = pendingRequestCount(pairing);
  return count > 0 ? String(count) : "";
}
