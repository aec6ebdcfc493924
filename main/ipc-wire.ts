// The Electron IPC names of the contract's channels. Prefixed so that no Electron-internal or
// library channel can collide with them; shared by the preload and main.
export function invokeWireChannel(channel: string): string {
  return `pinch:invoke:${channel}`;
}

export function eventWireChannel(channel: string): string {
  return `pinch:event:${channel}`;
}
