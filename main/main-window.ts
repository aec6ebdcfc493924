import path from "node:path";
import { app, BrowserWindow, nativeTheme, type WebPreferences } from "electron";

/**
 * The isolation settings of the Pinch window. The page gets no Node.js, runs in Chromium's sandbox,
 * and sees the main process only through the preload's `window.pinch`.
 */
export const mainWindowWebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const satisfies WebPreferences;

export interface MainWindow {
  /** Shows the window, creating it first if it was closed, and brings it to the front. */
  show(): void;
  /** The open window's web contents, if any, e.g. to push status changes. */
  current(): BrowserWindow | undefined;
}

/** Paths inside the app bundle; app.getAppPath() is the folder (or asar) holding package.json. */
function bundledPath(...segments: string[]): string {
  return path.join(app.getAppPath(), ...segments);
}

/**
 * The development server URL, honoured only in an unpackaged build so a shipped app can never be
 * pointed at another page through the environment.
 */
function developmentRendererUrl(): string | undefined {
  return app.isPackaged ? undefined : process.env.PINCH_RENDERER_URL;
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 860,
    height: 580,
    minWidth: 680,
    minHeight: 440,
    show: false,
    title: "Pinch",
    // The page draws its own title bar strip; the traffic lights sit inset over the sidebar.
    titleBarStyle: "hiddenInset",
    trafficLightPosition: { x: 18, y: 18 },
    // Matches --window-bg in renderer/styles/base.css, so there is no white flash in dark mode.
    backgroundColor: nativeTheme.shouldUseDarkColors ? "#1e1e20" : "#f5f5f7",
    webPreferences: { ...mainWindowWebPreferences, preload: bundledPath("dist", "main", "preload.cjs") },
  });
  window.once("ready-to-show", () => window.show());
  const devUrl = developmentRendererUrl();
  const loaded = devUrl
    ? window.loadURL(devUrl)
    : window.loadFile(bundledPath("dist", "renderer", "index.html"));
  loaded.catch((error: unknown) => {
    console.error(
      `The Pinch window could not load its page (${String(error)}). Build it with \`npm run build\`.`,
    );
  });
  return window;
}

/** One window at most; closing it keeps the app running in the menu bar. */
export function setupMainWindow(): MainWindow {
  let window: BrowserWindow | undefined;
  return {
    show() {
      // Without a Dock icon the app is not activated by a click on its window, so take the focus.
      app.focus({ steal: true });
      if (!window || window.isDestroyed()) {
        window = createWindow();
        window.on("closed", () => {
          window = undefined;
        });
        return;
      }
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
    },
    current: () => (window && !window.isDestroyed() ? window : undefined),
  };
}
