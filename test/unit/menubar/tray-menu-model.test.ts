import { describe, expect, it } from "vitest";
import type { AccountStatusView } from "../../../app/ipc/view-schemas.ts";
import type { MenubarGatewayStatus, MenubarState } from "../../../app/menubar/menubar-state.ts";
import { trayIconVariant, trayTitle, trayTooltip } from "../../../app/menubar/menubar-state.ts";
import { buildTrayMenu, type TrayMenuItem } from "../../../app/menubar/tray-menu-model.ts";
import { deriveOverallStatus, type OverallInputs } from "../../../app/services/overall-status.ts";

/** A status as the core sends it: the overall line derived from the same inputs. */
function gatewayStatus(
  input: { running: boolean; problem?: string; accounts: AccountStatusView[] } & Omit<
    Partial<OverallInputs>,
    "accounts"
  >,
): MenubarGatewayStatus {
  const { running, problem, accounts } = input;
  return {
    running,
    ...(problem ? { problem } : {}),
    accounts,
    overall: deriveOverallStatus({ paused: false, pendingRequests: 0, ...input }),
  };
}

const base: MenubarState = {
  status: gatewayStatus({ running: true, accounts: [{ id: "default", state: "ready" }] }),
  pairing: { accounts: [{ accountId: "default", pending: [] }] },
  pauseReplies: false,
  startAtLogin: false,
  loginItemStatus: "not-registered",
  verboseLogging: false,
};

function labels(items: TrayMenuItem[]): string[] {
  return items.map((item) => (item.type === "separator" ? "---" : item.label));
}

function find(items: TrayMenuItem[], label: string): TrayMenuItem {
  const item = items.find((candidate) => candidate.type !== "separator" && candidate.label === label);
  if (!item) throw new Error(`no item "${label}" in ${labels(items).join(" | ")}`);
  return item;
}

describe("the tray menu", () => {
  it("a healthy single account shows its status and the standard items in order", () => {
    expect(labels(buildTrayMenu(base))).toEqual([
      "Running",
      "default: Running",
      "---",
      "Open Pinch…",
      "Pause replies",
      "Start at login",
      "Show logs",
      "Include message text in logs",
      "---",
      "Quit Pinch",
    ]);
    expect(find(buildTrayMenu(base), "Quit Pinch")).toMatchObject({
      action: { kind: "quit" },
      accelerator: "Command+Q",
    });
    expect(find(buildTrayMenu(base), "Open Pinch…")).toMatchObject({
      action: { kind: "open-window", view: "status" },
    });
  });

  it("an account that needs a permission shows it with its fix, which opens the setup steps", () => {
    const menu = buildTrayMenu({
      ...base,
      status: gatewayStatus({
        running: true,
        accounts: [
          { id: "default", name: "Home", state: "ready" },
          {
            id: "work",
            state: "needs-permission",
            detail: "imsg chats.list: permission denied",
            fix: "Give Pinch Full Disk Access in System Settings.",
          },
        ],
      }),
    });
    expect(labels(menu).slice(0, 5)).toEqual([
      "1 of 2 accounts running",
      "Home: Running",
      "work: Needs permission",
      "Fix: Give Pinch Full Disk Access in System Settings.",
      "Quit and Reopen Pinch (after granting access)",
    ]);
    expect(find(menu, "Quit and Reopen Pinch (after granting access)")).toMatchObject({
      action: { kind: "relaunch" },
    });
    expect(find(menu, "Fix: Give Pinch Full Disk Access in System Settings.")).toMatchObject({
      action: { kind: "open-window", view: "setup" },
    });
  });

  it("an account in error shows the error, cut to a menu's width", () => {
    const longError = `imsg exited (code 1) ${"x".repeat(200)}`;
    const menu = buildTrayMenu({
      ...base,
      status: gatewayStatus({
        running: true,
        accounts: [{ id: "default", state: "backoff", detail: longError }],
      }),
    });
    const line = labels(menu)[1] ?? "";
    expect(line.startsWith("default: Restarting (imsg exited (code 1)")).toBe(true);
    expect(line.length).toBeLessThanOrEqual(64);
    expect(line.endsWith("…")).toBe(true);
  });

  it("a gateway that could not start says why and offers the window", () => {
    const menu = buildTrayMenu({
      ...base,
      status: gatewayStatus({ running: false, problem: "config is invalid", accounts: [] }),
    });
    expect(labels(menu).slice(0, 2)).toEqual(["Not running: config is invalid", "Fix in Pinch…"]);
  });

  it("without accounts the first item leads to setup", () => {
    const menu = buildTrayMenu({ ...base, status: gatewayStatus({ running: true, accounts: [] }) });
    expect(find(menu, "Set up Pinch…")).toMatchObject({ action: { kind: "open-window", view: "setup" } });
  });

  it("before the first status arrives the menu says Pinch is starting", () => {
    expect(labels(buildTrayMenu({ ...base, status: undefined }))[0]).toBe("Pinch is starting…");
  });

  it("each pending pairing request has Approve and Dismiss, oldest first, with the account when several have requests", () => {
    const menu = buildTrayMenu({
      ...base,
      pairing: {
        accounts: [
          {
            accountId: "default",
            pending: [
              { code: "BBBB2222", sender: "+15550100002", createdAt: 200 },
              { code: "AAAA1111", sender: "+15550100001", createdAt: 100 },
            ],
          },
          { accountId: "work", pending: [{ code: "CCCC3333", sender: "bob@example.com", createdAt: 50 }] },
        ],
      },
    });
    expect(labels(menu).slice(2, 8)).toEqual([
      "---",
      "3 pairing requests",
      "+15550100001 (default) · AAAA1111",
      "+15550100002 (default) · BBBB2222",
      "bob@example.com (work) · CCCC3333",
      "Review pairing requests…",
    ]);
    const request = find(menu, "bob@example.com (work) · CCCC3333");
    expect(request).toEqual({
      type: "submenu",
      label: "bob@example.com (work) · CCCC3333",
      items: [
        {
          type: "action",
          label: "Approve",
          action: { kind: "approve-pairing", accountId: "work", code: "CCCC3333" },
        },
        {
          type: "action",
          label: "Dismiss",
          action: { kind: "dismiss-pairing", accountId: "work", code: "CCCC3333" },
        },
      ],
    });
    expect(find(menu, "Review pairing requests…")).toMatchObject({
      action: { kind: "open-window", view: "pairing" },
    });
  });

  it("Pause replies and Start at login are checkboxes that toggle", () => {
    const paused = buildTrayMenu({
      ...base,
      status: gatewayStatus({ running: true, accounts: [{ id: "default", state: "ready" }], paused: true }),
      pauseReplies: true,
      startAtLogin: true,
      loginItemStatus: "enabled",
    });
    expect(labels(paused)[0]).toBe("Replies paused");
    expect(find(paused, "Pause replies")).toEqual({
      type: "checkbox",
      label: "Pause replies",
      checked: true,
      action: { kind: "set-pause-replies", paused: false },
    });
    expect(find(paused, "Start at login")).toMatchObject({ checked: true, action: { enabled: false } });
    expect(find(buildTrayMenu(base), "Start at login")).toMatchObject({
      checked: false,
      action: { enabled: true },
    });
    expect(labels(paused)).not.toContain("Allow Pinch in Login Items…");
  });

  it("a login item waiting for approval links to Login Items in System Settings", () => {
    const menu = buildTrayMenu({ ...base, startAtLogin: true, loginItemStatus: "requires-approval" });
    expect(find(menu, "Allow Pinch in Login Items…")).toMatchObject({
      action: { kind: "open-settings", pane: "login-items" },
    });
  });

  it("the tray title is the number of pending requests, empty at zero", () => {
    expect(trayTitle(base.pairing)).toBe("");
    expect(trayTitle(undefined)).toBe("");
    expect(
      trayTitle({
        accounts: [
          { accountId: "a", pending: [{ code: "A", sender: "x", createdAt: 1 }] },
          { accountId: "b", pending: [{ code: "B", sender: "y", createdAt: 2 }] },
        ],
      }),
    ).toBe("2");
  });

  it("a failing model comes first, names the model, and leads to the window", () => {
    const menu = buildTrayMenu({
      ...base,
      status: gatewayStatus({
        running: true,
        accounts: [{ id: "default", state: "ready" }],
        agent: {
          state: "failing",
          lastError: { at: "2026-12-04T09:00:00.000Z", model: "openai/gpt", message: "401" },
        },
        paused: true,
      }),
    });
    expect(labels(menu).slice(0, 4)).toEqual([
      "Model failing — replies get an apology (openai/gpt)",
      "Replies paused",
      "See why the model fails…",
      "default: Running",
    ]);
    expect(find(menu, "See why the model fails…")).toMatchObject({
      action: { kind: "open-window", view: "status" },
    });
  });
});

describe("the menu-bar lobster", () => {
  const ready: AccountStatusView[] = [{ id: "default", state: "ready" }];

  it("is plain while everything runs, and while requests only wait (the count says so)", () => {
    expect(trayIconVariant(gatewayStatus({ running: true, accounts: ready }))).toBe("normal");
    expect(trayIconVariant(gatewayStatus({ running: true, accounts: ready, pendingRequests: 2 }))).toBe(
      "normal",
    );
  });

  it("shows pause bars while replies are paused and nothing is worse", () => {
    expect(trayIconVariant(gatewayStatus({ running: true, accounts: ready, paused: true }))).toBe("paused");
  });

  it("shows the attention mark for a failing model, a stopped gateway or an account that needs something", () => {
    const failing = { state: "failing" as const };
    expect(
      trayIconVariant(gatewayStatus({ running: true, accounts: ready, agent: failing, paused: true })),
    ).toBe("attention");
    expect(trayIconVariant(gatewayStatus({ running: false, accounts: [] }))).toBe("attention");
    expect(
      trayIconVariant(
        gatewayStatus({ running: true, accounts: [{ id: "default", state: "needs-permission" }] }),
      ),
    ).toBe("attention");
  });

  it("says the overall line in its tooltip", () => {
    expect(trayTooltip(gatewayStatus({ running: true, accounts: ready, paused: true }))).toBe(
      "Pinch: Replies paused",
    );
    expect(trayTooltip(undefined)).toBe("Pinch");
  });
});
