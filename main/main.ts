// The Electron entry point: it wires the features together and holds no logic of its own.
import os from "node:os";
import path from "node:path";
import { app, dialog, ipcMain, Menu, powerMonitor, safeStorage, shell } from "electron";
import { createConfiguredAgent } from "../app/agent/configured-agent.ts";
import { pausedGate } from "../app/channel/turn-hooks.ts";
import { defaultConfigPath, defaultStateDir } from "../app/config/default-paths.ts";
import { BUNDLED_BIN_DIR_ENV } from "../app/imsg/resolve-cli-path.ts";
import { serviceClient } from "../app/ipc/service-client.ts";
import { createLogger } from "../app/log/logger.ts";
import { startMenubarController } from "../app/menubar/menubar-controller.ts";
import { runTrayAction, type TrayActionTarget } from "../app/menubar/run-tray-action.ts";
import type { TrayAction } from "../app/menubar/tray-action.ts";
import { windowAtStart } from "../app/menubar/window-at-start.ts";
import { createPinchService } from "../app/services/pinch-service.ts";
import { settingsPaneUrls } from "../app/setup/permissions/settings-links.ts";
import { createActionNotifications } from "./action-notification.ts";
import { applicationMenuTemplate } from "./app-menu-template.ts";
import { createConfirmationNotifier } from "./confirmation-notifier.ts";
import { createHostPorts } from "./host-ports.ts";
import { createKeychainSecretStore } from "./keychain-secret-store.ts";
import { setupLogFile } from "./log-file.ts";
import { createLoginItem, launchedAtLogin } from "./login-item.ts";
import { setupMainWindow } from "./main-window.ts";
import { openAllowedExternal, openPathOrThrow } from "./open-external.ts";
import { createPairingNotifier } from "./pairing-notifier.ts";
import { openAppPreferences } from "./prefs-backend.ts";
import { setupSecurity } from "./security.ts";
import { serveContractOverIpc } from "./service-ipc.ts";
import { setupTray } from "./tray.ts";

// Before anything asks for a path: userData and the logs live under "Pinch", also in development.
app.setName("Pinch");
// The imsg the app ships under Contents/Resources/bin (electron-builder.yml, extraResources): the
// core runs it for every account that names no other imsg.
const coreEnv: NodeJS.ProcessEnv = app.isPackaged
  ? { ...process.env, [BUNDLED_BIN_DIR_ENV]: path.join(process.resourcesPath, "bin") }
  : process.env;

/** Quits through will-quit (replies in flight finish) and starts again. */
function relaunchApp(): void {
  app.relaunch();
  app.quit();
}

async function chooseOneFile(request: { title: string; message: string }): Promise<string | undefined> {
  const answer = await dialog.showOpenDialog({
    title: request.title,
    message: request.message,
    properties: ["openFile", "treatPackageAsDirectory"],
  });
  return answer.canceled ? undefined : answer.filePaths[0];
}

async function onReady(): Promise<void> {
  setupSecurity();
  Menu.setApplicationMenu(Menu.buildFromTemplate([...applicationMenuTemplate]));

  let verbose = false;
  const logFile = setupLogFile({ verbose: () => verbose });
  const log = createLogger({ sink: logFile.sink, format: "json" }).child({ process: "main" });
  const prefs = openAppPreferences(log);
  verbose = prefs.get().verboseLogging;
  prefs.subscribe((next) => {
    verbose = next.verboseLogging;
  });

  const home = os.homedir();
  const configPath = defaultConfigPath(process.env, process.platform, home);
  const stateDir = defaultStateDir(process.env, process.platform, home);
  const secrets = createKeychainSecretStore({
    file: path.join(app.getPath("userData"), "secrets.json"),
    cipher: safeStorage,
  });
  const agent = createConfiguredAgent({ stateDir, log, secrets });
  const loginItem = createLoginItem();
  // The user may have removed the login item in System Settings while Pinch was not running.
  if (prefs.get().startAtLogin !== loginItem.enabled()) prefs.set({ startAtLogin: loginItem.enabled() });
  const service = createPinchService({
    configPath,
    stateDir,
    agent,
    gates: [pausedGate(() => prefs.get().pauseReplies)],
    host: createHostPorts({
      prefs,
      loginItem,
      openExternal: openAllowedExternal,
      openPath: openPathOrThrow,
      relaunch: relaunchApp,
      chooseFile: chooseOneFile,
      secrets,
      region: app.getLocaleCountryCode(),
      versions: {
        app: app.getVersion(),
        electron: process.versions.electron ?? "",
        chrome: process.versions.chrome ?? "",
      },
    }),
    env: coreEnv,
    logSink: logFile.sink,
    logLevel: () => (verbose ? "debug" : "info"),
  });
  log.info("Pinch started", { version: app.getVersion(), config: configPath });

  const mainWindow = setupMainWindow({
    bounds: () => prefs.get().windowBounds,
    saveBounds: (windowBounds) => prefs.set({ windowBounds }),
  });
  const stopIpc = serveContractOverIpc({ ipc: ipcMain, service, page: mainWindow });
  const client = serviceClient(service);

  const settings = () => ({
    pauseReplies: prefs.get().pauseReplies,
    startAtLogin: loginItem.enabled(),
    loginItemStatus: loginItem.status(),
    verboseLogging: prefs.get().verboseLogging,
  });
  const trayTarget: TrayActionTarget = {
    invoke: client.invoke,
    openWindow: (view) => mainWindow.show(view),
    setPauseReplies: (paused) => {
      prefs.set({ pauseReplies: paused });
      log.info(paused ? "replies paused" : "replies resumed");
    },
    setStartAtLogin: (enabled) => {
      loginItem.set(enabled);
      prefs.set({ startAtLogin: loginItem.enabled() });
    },
    openSettings: async (pane) => {
      for (const url of settingsPaneUrls[pane]) if (await openAllowedExternal(url)) return true;
      return false;
    },
    showLogs: async () => {
      // Console.app opens .log files; if nothing does, show the folder in Finder.
      if (await shell.openPath(logFile.file)) shell.showItemInFolder(logFile.file);
    },
    setVerboseLogging: (enabled) => {
      prefs.set({ verboseLogging: enabled });
      log.info(enabled ? "message text is now kept in the log" : "message text is hidden in the log again");
    },
    relaunch: relaunchApp,
    quit: () => app.quit(),
    reportError: (message) => {
      log.warn("a menu action failed", { error: message });
      void dialog.showMessageBox({ type: "warning", message: "Pinch", detail: message });
    },
  };

  const act = (action: TrayAction) => void runTrayAction(action, trayTarget);
  const notify = createActionNotifications(act);
  const tray = setupTray({ initial: { status: undefined, pairing: undefined, ...settings() }, act });
  const controller = await startMenubarController({
    client,
    settings,
    render: (state) => tray.update(state),
    announce: createPairingNotifier({ enabled: () => prefs.get().notifications, show: notify }),
    askToConfirm: createConfirmationNotifier({ sound: () => prefs.get().notifications.sound, show: notify }),
  });
  prefs.subscribe(() => controller.refresh());

  // After sleep the imsg children may have stalled and timers have jumped: let the core check.
  powerMonitor.on("resume", () => {
    log.info("woke from sleep; resubscribing every account");
    service.resume();
  });

  app.on("second-instance", () => mainWindow.show());
  const view = windowAtStart({
    env: process.env,
    launchedAtLogin: launchedAtLogin(),
    firstRunDone: prefs.get().firstRunDone,
  });
  if (view) mainWindow.show(view);

  let stopping = false;
  app.on("will-quit", (event) => {
    if (stopping) return;
    // Finish the replies in flight and release the state directory before the process ends.
    event.preventDefault();
    stopping = true;
    controller.stop();
    stopIpc();
    void service
      .close()
      .then(() => agent.close?.())
      .catch((error: unknown) => log.error("could not stop cleanly", { error: String(error) }))
      .finally(() => app.exit(0));
  });
}

// A second copy would run a second gateway against the same Messages database and answer twice.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A menu-bar app: no Dock icon (LSUIElement in Info.plist does the same for the packaged app).
  app.dock?.hide();
  app.on("window-all-closed", () => {
    // Listening at all replaces Electron's default of quitting; the lobster stays in the menu bar.
  });
  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => {
      console.error(`Pinch could not start: ${String(error)}`);
      app.exit(1);
    });
}
