import { afterEach, describe, expect, it } from "vitest";
import { serviceClient } from "../../../app/ipc/service-client.ts";
import { startMenubarController } from "../../../app/menubar/menubar-controller.ts";
import type { MenubarState } from "../../../app/menubar/menubar-state.ts";
import { trayTitle } from "../../../app/menubar/menubar-state.ts";
import type { NewPairingRequest } from "../../../app/menubar/pairing-notifications.ts";
import { runTrayAction, type TrayActionTarget } from "../../../app/menubar/run-tray-action.ts";
import { buildTrayMenu } from "../../../app/menubar/tray-menu-model.ts";
import { waitFor } from "../../integration/gateway-harness.ts";
import { type ServiceFixture, startService } from "../services/service-fixture.ts";

const stranger = "+15555550177";
let fixture: ServiceFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

function idle(): Omit<TrayActionTarget, "invoke"> {
  const nothing = () => undefined;
  return {
    openWindow: nothing,
    setPauseReplies: nothing,
    setStartAtLogin: nothing,
    openSettings: async () => true,
    showLogs: async () => undefined,
    setVerboseLogging: nothing,
    relaunch: nothing,
    quit: nothing,
    reportError: (message) => {
      throw new Error(message);
    },
  };
}

describe("the menu bar follows the gateway", () => {
  it("a stranger's message becomes a tray count, an announcement and a menu entry; Approve from the menu settles it", async () => {
    fixture = await startService({ dmPolicy: "pairing" });
    const client = serviceClient(fixture.service);
    const drawn: MenubarState[] = [];
    const announced: NewPairingRequest[] = [];
    const controller = await startMenubarController({
      client,
      settings: () => ({
        pauseReplies: false,
        startAtLogin: false,
        loginItemStatus: "not-registered",
        verboseLogging: false,
      }),
      render: (state) => drawn.push(state),
      announce: (requests) => announced.push(...requests),
    });
    expect(controller.state().status?.accounts).toEqual([
      expect.objectContaining({ id: "default", state: "ready" }),
    ]);
    expect(trayTitle(controller.state().pairing)).toBe("");

    fixture.sim.injectInbound({ from: stranger, text: "hello?" });
    await waitFor(
      () => announced.length === 1,
      15_000,
      () => `announced ${JSON.stringify(announced)}`,
    );
    const request = announced[0] as NewPairingRequest;
    expect(request).toMatchObject({ accountId: "default", sender: stranger });
    expect(trayTitle(controller.state().pairing)).toBe("1");
    const menu = buildTrayMenu(controller.state());
    const entry = menu.find((item) => item.type === "submenu");
    expect(
      entry?.type === "submenu" && entry.items.map((item) => item.type !== "separator" && item.label),
    ).toEqual(["Approve", "Dismiss"]);

    await runTrayAction(
      { kind: "approve-pairing", accountId: request.accountId, code: request.code },
      { ...idle(), invoke: client.invoke },
    );
    await waitFor(
      () => trayTitle(controller.state().pairing) === "",
      15_000,
      () => `still pending: ${JSON.stringify(controller.state().pairing)}`,
    );
    expect(announced).toHaveLength(1);
    expect(drawn.length).toBeGreaterThan(2);
    controller.stop();
  });
});
