import type { AccountStatusView, GatewayStatus, PairingOverview } from "../ipc/view-schemas.ts";

/**
 * What the menu bar shows, cut from the window's contract (app/ipc/contract.ts) to the fields it
 * reads, so a test can describe a menu without a whole gateway status.
 */
export type MenubarGatewayStatus = Pick<GatewayStatus, "running" | "problem" | "overall"> & {
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

/** Which lobster the menu bar shows: plain, with a mark while something is wrong, or with pause bars. */
export type TrayIconVariant = "normal" | "attention" | "paused";

/**
 * From the overall status, worst first; waiting requests are left to the count beside the lobster.
 * Paused replies get their own mark only when nothing worse is wrong.
 */
export function trayIconVariant(status: MenubarGatewayStatus | undefined): TrayIconVariant {
  const worst = status?.overall.concerns.find((concern) => concern.kind !== "pairing");
  if (!worst) return "normal";
  if (worst.kind === "paused") return "paused";
  return worst.tone === "problem" || worst.tone === "warning" ? "attention" : "normal";
}

/** The tooltip: the overall line, worst first. */
export function trayTooltip(status: MenubarGatewayStatus | undefined): string {
  return status ? `Pinch: ${status.overall.headline}` : "Pinch";
}
