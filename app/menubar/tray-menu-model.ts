import { presentAccountState, summarizeAccounts } from "../imsg/account-state-presentation.ts";
import type { AccountStatusView } from "../ipc/view-schemas.ts";
import { type MenubarState, pendingRequestCount } from "./menubar-state.ts";
import type { TrayAction } from "./tray-action.ts";

/**
 * The tray menu as data, built fresh from the gateway's state on every click. main/tray.ts turns
 * it into an Electron menu; keeping it pure lets every line of it be tested here.
 */
export type TrayMenuItem =
  | { type: "separator" }
  /** Greyed-out text: a heading or a status line. */
  | { type: "label"; label: string }
  | { type: "action"; label: string; action: TrayAction; accelerator?: string }
  | { type: "checkbox"; label: string; checked: boolean; action: TrayAction }
  | { type: "submenu"; label: string; items: TrayMenuItem[] };

/** Menus do not wrap: longer lines are cut so the menu stays a sensible width. */
const maxLabelLength = 64;

export function buildTrayMenu(state: MenubarState): TrayMenuItem[] {
  return [
    ...statusSection(state),
    { type: "separator" },
    ...pairingSection(state),
    { type: "action", label: "Open Pinch…", action: { kind: "open-window", view: "status" } },
    {
      type: "checkbox",
      label: "Pause replies",
      checked: state.pauseReplies,
      action: { kind: "set-pause-replies", paused: !state.pauseReplies },
    },
    ...loginItemSection(state),
    { type: "action", label: "Show logs", action: { kind: "show-logs" } },
    {
      type: "checkbox",
      label: "Include message text in logs",
      checked: state.verboseLogging,
      action: { kind: "set-verbose-logging", enabled: !state.verboseLogging },
    },
    { type: "separator" },
    { type: "action", label: "Quit Pinch", accelerator: "Command+Q", action: { kind: "quit" } },
  ];
}

function statusSection({ status }: MenubarState): TrayMenuItem[] {
  if (!status) return [{ type: "label", label: "Pinch is starting…" }];
  if (!status.running) {
    return [
      { type: "label", label: cut(`Not running: ${status.problem ?? "the gateway stopped"}`) },
      { type: "action", label: "Fix in Pinch…", action: { kind: "open-window", view: "status" } },
    ];
  }
  if (status.accounts.length === 0) {
    return [
      { type: "label", label: "No iMessage account yet" },
      { type: "action", label: "Set up Pinch…", action: { kind: "open-window", view: "setup" } },
    ];
  }
  // The overall status, worst first; the requests waiting for approval have their own section below.
  const concerns = status.overall.concerns.filter((concern) => concern.kind !== "pairing");
  const headings: TrayMenuItem[] =
    concerns.length > 0
      ? concerns.map((concern) => ({
          type: "label",
          label: cut(concern.detail ? `${concern.text} (${concern.detail})` : concern.text),
        }))
      : [{ type: "label", label: summarizeAccounts(status.accounts.map((account) => account.state)).label }];
  const modelFix: TrayMenuItem[] = concerns.some((concern) => concern.kind === "model-failing")
    ? [{ type: "action", label: "See why the model fails…", action: { kind: "open-window", view: "status" } }]
    : [];
  const relaunch: TrayMenuItem[] = status.accounts.some((account) => account.state === "needs-permission")
    ? [
        {
          type: "action",
          label: "Quit and Reopen Pinch (after granting access)",
          action: { kind: "relaunch" },
        },
      ]
    : [];
  return [...headings, ...modelFix, ...status.accounts.flatMap(accountItems), ...relaunch];
}

function accountItems(account: AccountStatusView): TrayMenuItem[] {
  const line: TrayMenuItem = {
    type: "label",
    label: cut(`${account.name ?? account.id}: ${stateText(account)}`),
  };
  const needsUser = account.state === "needs-permission" || account.state === "needs-upgrade";
  if (needsUser || (account.state === "backoff" && account.fix)) {
    return [
      line,
      {
        type: "action",
        label: cut(`Fix: ${account.fix ?? "open the setup steps"}`),
        action: { kind: "open-window", view: "setup" },
      },
    ];
  }
  return [line];
}

function stateText(account: AccountStatusView): string {
  const { label } = presentAccountState(account.state);
  if (account.state === "backoff" || account.state === "stopped") {
    return account.detail ? `${label} (${account.detail})` : label;
  }
  return label;
}

function pairingSection({ pairing }: MenubarState): TrayMenuItem[] {
  const count = pendingRequestCount(pairing);
  if (count === 0) return [];
  const multipleAccounts =
    (pairing?.accounts.filter((account) => account.pending.length > 0).length ?? 0) > 1;
  const requests = (pairing?.accounts ?? []).flatMap((account) =>
    [...account.pending]
      .sort((a, b) => a.createdAt - b.createdAt)
      .map(
        (request): TrayMenuItem => ({
          type: "submenu",
          label: cut(
            `${request.sender}${multipleAccounts ? ` (${account.accountId})` : ""} · ${request.code}`,
          ),
          items: [
            {
              type: "action",
              label: "Approve",
              action: { kind: "approve-pairing", accountId: account.accountId, code: request.code },
            },
            {
              type: "action",
              label: "Dismiss",
              action: { kind: "dismiss-pairing", accountId: account.accountId, code: request.code },
            },
          ],
        }),
      ),
  );
  return [
    { type: "label", label: count === 1 ? "1 pairing request" : `${count} pairing requests` },
    ...requests,
    { type: "action", label: "Review pairing requests…", action: { kind: "open-window", view: "pairing" } },
    { type: "separator" },
  ];
}

function loginItemSection({ startAtLogin, loginItemStatus }: MenubarState): TrayMenuItem[] {
  const items: TrayMenuItem[] = [
    {
      type: "checkbox",
      label: "Start at login",
      checked: startAtLogin,
      action: { kind: "set-start-at-login", enabled: !startAtLogin },
    },
  ];
  // macOS 13+ can hold a new login item until the user allows it in System Settings.
  if (startAtLogin && loginItemStatus === "requires-approval") {
    items.push({
      type: "action",
      label: "Allow Pinch in Login Items…",
      action: { kind: "open-settings", pane: "login-items" },
    });
  }
  return items;
}

function cut(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length <= maxLabelLength ? oneLine : `${oneLine.slice(0, maxLabelLength - 1)}…`;
}
