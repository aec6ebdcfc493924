// The isolation settings of the Pinch window, in a module without Electron values so a unit test
// can assert them. The page gets no Node.js, runs in Chromium's sandbox, and sees the main process
// only through the preload's `window.pinch`.
import type { WebPreferences } from "electron";

export const mainWindowWebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const satisfies WebPreferences;
