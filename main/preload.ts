// Runs sandboxed in the window before its page. It can reach only `electron`'s renderer modules, so
// scripts/build-node.ts bundles everything it imports into one CommonJS file.
import { contextBridge, type IpcRendererEvent, ipcRenderer } from "electron";
import type { GatewayStatus, PinchApi } from "../renderer/bridge/pinch-api.ts";
import { ipcChannels } from "./ipc-channels.ts";

const pinch: PinchApi = {
  getStatus: () => ipcRenderer.invoke(ipcChannels.getStatus) as Promise<GatewayStatus>,
  onStatus(listener) {
    // Hand the page only the payload: the IPC event carries `sender`, a handle to ipcRenderer itself.
    const forward = (_event: IpcRendererEvent, status: GatewayStatus) => listener(status);
    ipcRenderer.on(ipcChannels.statusChanged, forward);
    return () => {
      ipcRenderer.removeListener(ipcChannels.statusChanged, forward);
    };
  },
};

contextBridge.exposeInMainWorld("pinch", pinch);
