import { app, session, shell, type WebContents } from "electron";
import { isAllowedExternalUrl } from "./external-urls.ts";

/**
 * Locks down every web contents the app will ever create: no navigation away from the bundled page,
 * no new windows, no <webview>, no permissions. Allowed links open in the user's browser or in
 * System Settings instead. Call before the first window is created.
 */
export function setupSecurity(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on("web-contents-created", (_event, contents) => guardWebContents(contents));
}

/** Opens an allow-listed URL outside the app; anything else is refused and logged. */
export function openExternalUrl(url: string): void {
  if (!isAllowedExternalUrl(url)) {
    console.warn(
      `Refused to open ${url}: only System Settings links and the imsg project pages are allowed.`,
    );
    return;
  }
  shell.openExternal(url).catch((error: unknown) => {
    console.error(`Could not open ${url}: ${String(error)}`);
  });
}

function guardWebContents(contents: WebContents): void {
  // The window is a single page; a navigation can only come from a link or an injected script.
  contents.on("will-navigate", (event, url) => {
    event.preventDefault();
    openExternalUrl(url);
  });
  contents.on("will-redirect", (event) => event.preventDefault());
  contents.on("will-attach-webview", (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalUrl(url);
    return { action: "deny" };
  });
}
