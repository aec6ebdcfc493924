/**
 * What the menu bar shows, in the shapes the window's contract uses (app/ipc/contract.ts): the
 * gateway's status and the pairing overview. Declared structurally here so the menu-bar logic
 * needs only the fields it reads.
 */
export type AccountState = "starting" | "ready" | "backoff" | "stopped" | "needs-permission";

export interface MenubarAccountStatus {
  id: string;
  name?: string | undefined;
  state: AccountState;
  detail?: string | undefined;
  fix?: string | undefined;
}

export interface MenubarGatewayStatus {
  running: boolean;
  problem?: string | undefined;
  accounts: MenubarAccountStatus[];
}

export interface MenubarPendingRequest {
  code: string;
  sender: string;
  createdAt: number;
}

export interface MenubarPairingOverview {
  accounts: { accountId: string; pending: MenubarPendingRequest[] }[];
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
