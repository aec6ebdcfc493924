// The names of every call between the window and the gateway core, and of every event the core
// pushes. No zod here: the preload bundles this file and must stay small (the schemas live in
// contract.ts, which the preload never loads).

/** Request/response calls from the window (`window.pinch.invoke`). */
export const invokeChannels = [
  "status.get",
  "accounts.list",
  "accounts.add",
  "accounts.update",
  "accounts.sshSetup",
  "config.get",
  "config.set",
  "config.unset",
  "config.patch",
  "config.openFile",
  "handles.normalize",
  "chats.list",
  "pairing.list",
  "pairing.approve",
  "pairing.dismiss",
  "pairing.remove",
  "away.list",
  "away.answer",
  "away.dismiss",
  "logs.recent",
  "diagnostics.get",
  "setup.checks",
  "setup.installImsg",
  "setup.openSettings",
  "setup.testMessage",
  "setup.ownAddresses",
  "setup.openMessages",
  "setup.openImsgReleases",
  "setup.chooseImsg",
  "setup.relaunch",
  "model.save",
  "model.test",
  "model.cancelTest",
  "import.openclawPreview",
  "import.openclawApply",
  "prefs.get",
  "prefs.set",
  "reminders.list",
  "reminders.cancel",
  "reminders.confirm",
] as const;

/** Pushes from the core to the window (`window.pinch.on`). */
export const eventChannels = [
  "status.changed",
  "pairing.changed",
  "config.changed",
  "log.line",
  "away.changed",
] as const;

export type InvokeChannel = (typeof invokeChannels)[number];
export type EventChannel = (typeof eventChannels)[number];

const invokeSet: ReadonlySet<string> = new Set(invokeChannels);
const eventSet: ReadonlySet<string> = new Set(eventChannels);

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === "string" && invokeSet.has(name);
}

export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === "string" && eventSet.has(name);
}
