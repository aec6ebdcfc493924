// The typed hooks the screens use; each names one part of the contract.
import { useCallback, useRef, useState } from "react";
import type { InvokeArgs } from "../../app/ipc/contract.ts";
import type { SetupCheckId } from "../../app/ipc/setup-schemas.ts";
import { useAction, useChannel } from "./use-channel.ts";

export function useGatewayStatus() {
  return useChannel("status.get", {}, { fromEvent: { channel: "status.changed", map: (status) => status } });
}

export function useAccounts() {
  return useChannel("accounts.list", {}, { refreshOn: ["config.changed", "status.changed"] });
}

export function useConfigView() {
  return useChannel("config.get", {}, { fromEvent: { channel: "config.changed", map: (view) => view } });
}

export function usePairing() {
  return useChannel(
    "pairing.list",
    {},
    { fromEvent: { channel: "pairing.changed", map: (overview) => overview } },
  );
}

export function useAwayMessages() {
  return useChannel("away.list", {}, { fromEvent: { channel: "away.changed", map: (overview) => overview } });
}

export const useAwayActions = () => ({
  answer: useAction("away.answer"),
  dismiss: useAction("away.dismiss"),
});

export function usePrefs() {
  return useChannel("prefs.get", {});
}

export function useChats(accountId: string) {
  return useChannel("chats.list", { accountId });
}

/** Read again every few seconds: a reminder set in chat or sent shows without a click. */
export function useReminders() {
  return useChannel("reminders.list", {}, { pollMs: 3_000 });
}

export const useReminderActions = () => ({
  cancel: useAction("reminders.cancel"),
  confirm: useAction("reminders.confirm"),
});

export function useSetupChecks(only: readonly SetupCheckId[], pollMs: number) {
  return useChannel("setup.checks", { only: [...only] }, { pollMs });
}

export const usePairingActions = () => ({
  approve: useAction("pairing.approve"),
  dismiss: useAction("pairing.dismiss"),
  remove: useAction("pairing.remove"),
});

export const useSshSetup = () => useAction("accounts.sshSetup");

export const useAccountActions = () => ({
  add: useAction("accounts.add"),
  update: useAction("accounts.update"),
});

export const useNormalizeHandles = () => useAction("handles.normalize");
export const useDiagnostics = () => useAction("diagnostics.get");
export const useRecentLogs = () => useAction("logs.recent");
export const useSetPrefs = () => useAction("prefs.set");
export const useOpenSettings = () => useAction("setup.openSettings");
export const useInstallImsg = () => useAction("setup.installImsg");
export const useImsgSources = () => ({
  openReleases: useAction("setup.openImsgReleases"),
  choose: useAction("setup.chooseImsg"),
});
export const useOpenMessages = () => useAction("setup.openMessages");
export const useRelaunch = () => useAction("setup.relaunch");
export const useOpenConfigFile = () => useAction("config.openFile");
export const useTestMessage = () => useAction("setup.testMessage");
export function useOwnAddresses(accountId: string) {
  return useChannel("setup.ownAddresses", { accountId });
}
export const useOpenclawImport = () => ({
  preview: useAction("import.openclawPreview"),
  apply: useAction("import.openclawApply"),
});
export const useModelSetup = () => ({
  save: useAction("model.save"),
  test: useAction("model.test"),
  cancelTest: useAction("model.cancelTest"),
});

/**
 * Saves config keys through the core and keeps each field's error: `save` resolves true when the
 * core accepted and wrote the change, false when it refused it (nothing was saved).
 */
export function useConfigEdit(onSaved?: () => void) {
  const set = useAction("config.set");
  const unset = useAction("config.unset");
  const patch = useAction("config.patch");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // The caller's refresh, so the screen shows the saved value at once rather than on the file watcher's event.
  const savedRef = useRef(onSaved);
  savedRef.current = onSaved;

  const record = useCallback((field: string, error: string | undefined) => {
    setErrors((current) => {
      const next = { ...current };
      if (error === undefined) delete next[field];
      else next[field] = error;
      return next;
    });
  }, []);

  const run = useCallback(
    async (field: string, call: () => ReturnType<typeof set>) => {
      setBusy(true);
      const result = await call();
      setBusy(false);
      record(field, result.ok ? undefined : result.error.message);
      if (result.ok) savedRef.current?.();
      return result.ok;
    },
    [record],
  );

  return {
    busy,
    errorFor: (field: string): string | undefined => errors[field],
    clearError: (field: string) => record(field, undefined),
    save: (field: string, args: InvokeArgs<"config.set">) => run(field, () => set(args)),
    remove: (field: string, keyPath: string) => run(field, () => unset({ keyPath })),
    patch: (field: string, edits: InvokeArgs<"config.patch">["edits"]) => run(field, () => patch({ edits })),
  };
}
