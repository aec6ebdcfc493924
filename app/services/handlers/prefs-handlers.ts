import type { Handlers } from "../../ipc/contract-server.ts";
import type { ServiceDeps } from "../service-deps.ts";

/** The app's own preferences (pause, notifications, start at login), kept by the host. */
export function prefsHandlers({ host }: ServiceDeps): Pick<Handlers, "prefs.get" | "prefs.set"> {
  return {
    "prefs.get": async () => host.getPrefs(),
    "prefs.set": async (patch) => host.setPrefs(patch),
  };
}
