import { type IpcMainInvokeEvent, ipcMain, type WebContents } from "electron";
import type { GatewayStatus } from "../renderer/bridge/pinch-api.ts";
import { ipcChannels } from "./ipc-channels.ts";

/** Where main reads the gateway's status from; the gateway core implements it. */
export interface GatewayStatusSource {
  current(): GatewayStatus;
  /** Calls `listener` on every change; the returned function stops the calls. */
  subscribe(listener: (status: GatewayStatus) => void): () => void;
}

export interface StatusIpcOptions {
  source: GatewayStatusSource;
  /** The web contents of the Pinch window, if it is open. Requests from anything else are refused. */
  windowContents(): WebContents | undefined;
}

/** Answers the window's status requests and pushes every change to it. */
export function setupStatusIpc({ source, windowContents }: StatusIpcOptions): void {
  ipcMain.handle(ipcChannels.getStatus, (event) => {
    if (!isFromPinchWindow(event, windowContents())) {
      throw new Error("Refused a status request from a frame that is not the Pinch window.");
    }
    return source.current();
  });
  source.subscribe((status) => {
    windowContents()?.send(ipcChannels.statusChanged, status);
  });
}

/** Only the top frame of our own window may ask: not another web contents, not an embedded frame. */
function isFromPinchWindow(event: IpcMainInvokeEvent, contents: WebContents | undefined): boolean {
  return contents !== undefined && event.sender === contents && event.senderFrame?.parent === null;
}
