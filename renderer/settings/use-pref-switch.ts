import { useEffect, useState } from "react";
import type { IpcError } from "../../app/ipc/ipc-result.ts";
import type { Prefs } from "../../app/ipc/setup-schemas.ts";
import { usePrefs, useSetPrefs } from "../bridge/hooks.ts";

export type SwitchPref = { [K in keyof Prefs]: Prefs[K] extends boolean ? K : never }[keyof Prefs];

/**
 * One of the app's on/off preferences as a control shows it. A click shows its new state at once, as
 * a Mac switch does, while the host writes it; a refusal puts the saved state back and keeps the error.
 */
export function usePrefSwitch(key: SwitchPref): {
  ready: boolean;
  checked: boolean;
  error: IpcError | undefined;
  set: (checked: boolean) => Promise<void>;
} {
  const prefs = usePrefs();
  const setPrefs = useSetPrefs();
  const [pending, setPending] = useState<boolean | undefined>();
  const [error, setError] = useState<IpcError | undefined>();
  const saved = prefs.kind === "ready" && prefs.data[key];
  // The click's state stands until the host's own reading shows it.
  useEffect(() => {
    if (pending === saved) setPending(undefined);
  }, [pending, saved]);
  return {
    ready: prefs.kind === "ready",
    checked: pending ?? saved,
    error,
    set: async (checked) => {
      setPending(checked);
      const result = await setPrefs({ [key]: checked });
      setError(result.ok ? undefined : result.error);
      setPending(result.ok ? result.data[key] : undefined);
      prefs.reload();
    },
  };
}
