// Serves the window's contract over Electron IPC: one `ipcMain.handle` per invoke channel, each
// refusing any sender but the top frame of our own page, and every service event forwarded to the
// window. Typed structurally (no Electron import) so the unit tests can drive it end to end.
import { eventChannels, invokeChannels } from "../app/ipc/channels.ts";
import type { ContractServer } from "../app/ipc/contract-server.ts";
import { eventWireChannel, invokeWireChannel } from "./ipc-wire.ts";

export interface SenderFrame {
  url: string;
  parent: unknown;
}

export interface InvokeEvent {
  sender: unknown;
  senderFrame: SenderFrame | null;
}

/** The part of `ipcMain` used here. */
export interface MainIpc {
  handle(channel: string, handler: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface PageTarget {
  /** The Pinch window's web contents, when the window is open. */
  contents(): { send(channel: string, payload: unknown): void } | undefined;
  /** The URL the window loaded (file:// of the bundled page, or the development server). */
  pageUrl(): string | undefined;
}

export function serveContractOverIpc(options: {
  ipc: MainIpc;
  service: ContractServer;
  page: PageTarget;
}): () => void {
  const { ipc, service, page } = options;
  for (const channel of invokeChannels) {
    ipc.handle(invokeWireChannel(channel), async (event, args) => {
      if (!isFromOwnPage(event, page.contents(), page.pageUrl())) {
        return {
          ok: false,
          error: { code: "forbidden", message: "Only the Pinch window may call the Pinch service." },
        };
      }
      return service.invoke(channel, args);
    });
  }
  const known = new Set<string>(eventChannels);
  const unsubscribe = service.subscribe((channel, payload) => {
    if (known.has(channel)) page.contents()?.send(eventWireChannel(channel), payload);
  });
  return () => {
    unsubscribe();
    for (const channel of invokeChannels) ipc.removeHandler(invokeWireChannel(channel));
  };
}

/**
 * Only the top frame of our own window, showing our own page, may call: not another web contents,
 * not an embedded frame, not a page the window was somehow navigated to.
 */
export function isFromOwnPage(event: InvokeEvent, contents: unknown, pageUrl: string | undefined): boolean {
  const frame = event.senderFrame;
  if (contents === undefined || event.sender !== contents || !frame || frame.parent !== null) return false;
  return pageUrl !== undefined && isSamePage(frame.url, pageUrl);
}

/**
 * The same document, whatever the fragment (the window's view) or query says. A file: URL has no
 * origin to compare (it is "null" for every file), so its host is compared along with its path:
 * `file://other-host/...` names a file on another machine (a network share), not the bundled page.
 */
export function isSamePage(url: string, pageUrl: string): boolean {
  let actual: URL;
  let expected: URL;
  try {
    actual = new URL(url);
    expected = new URL(pageUrl);
  } catch {
    return false;
  }
  if (expected.protocol === "file:")
    return (
      actual.protocol === "file:" && actual.host === expected.host && actual.pathname === expected.pathname
    );
  return actual.origin === expected.origin;
}
