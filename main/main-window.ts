import path from "node:path";
import { pathToFileURL } from "node:url";
import { app, BrowserWindow, nativeTheme, screen } from "electron";
import type { WindowView } from "../app/menubar/window-view.ts";
import type { WindowBounds } from "../app/preferences/prefs-schema.ts";
import type { PageTarget } from "./service-ipc.ts";
import { mainWindowWebPreferences } from "./web-preferences.ts";

export interface MainWindow extends PageTarget {
  /** Shows the window at `view`, creating it if it was closed, and brings it to the front. */
  show(view?: WindowView): void;
}

export interface MainWindowOptions {
  bounds(): WindowBounds | undefined;
  saveBounds(bounds: WindowBounds): void;
}

/** Paths inside the app bundle; app.getAppPath() is the folder (or asar) holding package.json. */
function bundledPath(...segments: string[]): string {
  return path.join(app.getAppPath(), ...segments);
}

/**
 * The page's URL without a view. The development server URL is honoured only in an unpackaged
 * build, so a shipped app can never be pointed at another page through the environment.
 */
function pageUrl(): string {
  const devUrl = app.isPackaged ? undefined : process.env.PINCH_RENDERER_URL;
  return devUrl ?? pathToFileURL(bundledPath("dist", "renderer", "index.html")).href;
}

let viewRequests = 0;

/**
 * The view travels in the fragment (`#view=pairing&request=3`), which the page reads and follows.
 * The request number changes the fragment even when the view does not, so asking again for the
 * view the window was opened at still fires the page's `hashchange`.
 */
function urlWithView(view: WindowView | undefined): string {
  const url = new URL(pageUrl());
  viewRequests++;
  url.hash = view ? new URLSearchParams({ view, request: String(viewRequests) }).toString() : "";
  return url.href;
}

/** Restores the saved bounds only if they still fit on a connected display. */
function visibleBounds(saved: WindowBounds | undefined): Partial<WindowBounds> {
  if (!saved) return { width: 860, height: 580 };
  const display = screen.getDisplayMatching(saved).workArea;
  const fits =
    saved.x >= display.x &&
    saved.y >= display.y &&
    saved.x + saved.width <= display.x + display.width &&
    saved.y + saved.height <= display.y + display.height;
  return fits ? saved : { width: saved.width, height: saved.height };
}

function createWindow(options: MainWindowOptions, view: WindowView | undefined): BrowserWindow {
  const window = new BrowserWindow({
    ...visibleBounds(options.bounds()),
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
  window.on("close", () => {
    const { x, y, width, height } = window.getNormalBounds();
    options.saveBounds({ x, y, width, height });
  });
  window.loadURL(urlWithView(view)).catch((error: unknown) => {
    console.error(
      `The Pinch window could not load its page (${String(error)}). Build it with \`npm run build\`.`,
    );
  });
  return window;
}

/** One window at most; closing it keeps the app running in the menu bar. */
export function setupMainWindow(options: MainWindowOptions): MainWindow {
  let window: BrowserWindow | undefined;
  const current = () => (window && !window.isDestroyed() ? window : undefined);
  return {
    show(view) {
      // Without a Dock icon the app is not activated by a click on its window, so take the focus.
      app.focus({ steal: true });
      const open = current();
      if (!open) {
        window = createWindow(options, view);
        window.on("closed", () => {
          window = undefined;
        });
        return;
      }
      // Only the fragment changes: an in-page navigation, no reload.
      if (view) void open.webContents.loadURL(urlWithView(view)).catch(() => undefined);
      if (open.isMinimized()) open.restore();
      open.show();
      open.focus();
    },
    contents: () => current()?.webContents,
    pageUrl: () => (current() ? pageUrl() : undefined),
  };
}
