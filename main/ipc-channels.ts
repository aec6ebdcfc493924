// The only IPC channels between the window and the main process. The preload exposes one named
// method per channel; nothing else crosses the bridge.
export const ipcChannels = {
  /** invoke: the renderer asks for the current gateway status. */
  getStatus: "pinch:status:get",
  /** send: main pushes every status change to the window. */
  statusChanged: "pinch:status:changed",
} as const;
