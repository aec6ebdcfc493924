import { app, session, type WebContents } from "electron";
import { openAllowedExternal } from "./open-external.ts";

/**
 * Locks down every web contents the app will ever create: no navigation away from the bundled page,
 * no new windows, no <webview>, no permissions (camera, notifications, HID, USB, serial, screen
 * capture…). Allowed links open in the user's browser or in System Settings instead. Call before
 * the first window is created.
 */
export function setupSecurity(): void {
  const defaultSession = session.defaultSession;
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
  defaultSession.setDevicePermissionHandler(() => false);
  defaultSession.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  app.on("web-contents-created", (_event, contents) => guardWebContents(contents));
}

function guardWebContents(contents: WebContents): void {
  // The window is a single page; a navigation can only come from a link or an injected script.
  contents.on("will-navigate", (event, url) => {
    event.preventDefault();
    void openAllowedExternal(url);
  });
  contents.on("will-redirect", (event) => event.preventDefault());
  contents.on("will-attach-webview", (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openAllowedExternal(url);
    return { action: "deny" };
  });
}
