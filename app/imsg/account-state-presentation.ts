import type { AccountState } from "./account-status.ts";

/** How urgent a state looks: the window colours its dot and pill by it. */
export type StateTone = "good" | "busy" | "warning" | "problem" | "idle";

export interface StatePresentation {
  label: string;
  tone: StateTone;
}

/** The words and tone of each account state, the same in the tray and in the window. */
const presentations: Record<AccountState, StatePresentation> = {
  ready: { label: "Running", tone: "good" },
  starting: { label: "Starting…", tone: "busy" },
  backoff: { label: "Restarting", tone: "warning" },
  "needs-permission": { label: "Needs permission", tone: "problem" },
  stopped: { label: "Stopped", tone: "idle" },
};

export function presentAccountState(state: AccountState): StatePresentation {
  return presentations[state];
}
