// Runs sandboxed in the window before its page. It can reach only `electron`'s renderer modules, so
// scripts/build-node.ts bundles everything it imports into one CommonJS file (no zod: the channel
// lists are all it needs; main validates every argument).
import { contextBridge, ipcRenderer } from "electron";
import { createPinchBridge } from "./preload-api.ts";

contextBridge.exposeInMainWorld("pinch", createPinchBridge(ipcRenderer));
