// The Electron entry point: it wires the features together and holds no logic of its own.
import { app } from "electron";
import type { GatewayStatus } from "../renderer/bridge/pinch-api.ts";
import { setupMainWindow } from "./main-window.ts";
import { setupSecurity } from "./security.ts";
import { type GatewayStatusSource, setupStatusIpc } from "./status-ipc.ts";
import { setupTray } from "./tray.ts";

/**
 * The gateway core does not run inside the app yet, so there are no accounts to report and nothing
 * ever changes. Hosting the core replaces this with its live status.
 */
const noGatewayYet: GatewayStatusSource = {
  current: (): GatewayStatus => ({ accounts: [] }),
  subscribe: () => () => {},
};

function onReady(): void {
  setupSecurity();
  const mainWindow = setupMainWindow();
  setupStatusIpc({ source: noGatewayYet, windowContents: () => mainWindow.current()?.webContents });
  setupTray({ openWindow: () => mainWindow.show(), quit: () => app.quit() });

  app.on("second-instance", () => mainWindow.show());
  // A launch by the user opens the window; a launch at login stays quietly in the menu bar.
  if (!app.getLoginItemSettings().wasOpenedAtLogin) mainWindow.show();
}

// A second copy would run a second gateway against the same Messages database and answer twice.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A menu-bar app: no Dock icon.
  app.dock?.hide();
  app.on("window-all-closed", () => {
    // Listening at all replaces Electron's default of quitting; the lobster stays in the menu bar.
  });
  app.whenReady().then(onReady, (error: unknown) => {
    console.error(`Pinch could not start: ${String(error)}`);
    app.exit(1);
  });
}
