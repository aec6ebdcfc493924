import { describe, expect, it } from "vitest";
import type { TrayAction } from "../../../app/menubar/tray-action.ts";
import { buildTrayMenu } from "../../../app/menubar/tray-menu-model.ts";
import { deriveOverallStatus } from "../../../app/services/overall-status.ts";
import { toElectronMenu } from "../../../main/tray-menu-template.ts";

describe("the tray menu as Electron items", () => {
  const actions: TrayAction[] = [];
  const menu = toElectronMenu(
    buildTrayMenu({
      status: {
        running: true,
        accounts: [{ id: "default", state: "ready" }],
        overall: deriveOverallStatus({
          running: true,
          accounts: [{ state: "ready" }],
          paused: true,
          pendingRequests: 1,
        }),
      },
      pairing: {
        accounts: [
          { accountId: "default", pending: [{ code: "AB12", sender: "+15550100001", createdAt: 1 }] },
        ],
      },
      pauseReplies: true,
      startAtLogin: false,
      loginItemStatus: "not-registered",
      verboseLogging: false,
    }),
    (action) => actions.push(action),
  );
  const click = (label: string, items = menu) => {
    const item = items.find((candidate) => candidate.label === label);
    (item?.click as (() => void) | undefined)?.();
  };

  it("status lines are disabled text; toggles are checkboxes; Quit has ⌘Q", () => {
    expect(menu[0]).toEqual({ label: "Replies paused", enabled: false });
    expect(menu.find((item) => item.label === "Pause replies")).toMatchObject({
      type: "checkbox",
      checked: true,
    });
    expect(menu.find((item) => item.label === "Quit Pinch")).toMatchObject({ accelerator: "Command+Q" });
    expect(menu.filter((item) => item.type === "separator").length).toBeGreaterThan(0);
  });

  it("each click runs its action, also inside a pairing request's submenu", () => {
    click("Pause replies");
    click("Open Pinch…");
    const request = menu.find((item) => item.label === "+15550100001 · AB12");
    click("Dismiss", request?.submenu as ReturnType<typeof toElectronMenu>);
    expect(actions).toEqual([
      { kind: "set-pause-replies", paused: false },
      { kind: "open-window", view: "status" },
      { kind: "dismiss-pairing", accountId: "default", code: "AB12" },
    ]);
  });
});
