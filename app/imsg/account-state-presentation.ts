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
  "needs-upgrade": { label: "Needs a newer imsg", tone: "problem" },
  stopped: { label: "Stopped", tone: "idle" },
};

export function presentAccountState(state: AccountState): StatePresentation {
  return presentations[state];
}

/** One line for a set of accounts, e.g. "2 of 3 accounts running", toned by the most urgent one. */
export function summarizeAccounts(states: readonly AccountState[]): StatePresentation {
  if (states.length === 0) return { label: "No accounts", tone: "idle" };
  const running = states.filter((state) => state === "ready").length;
  if (running === states.length) {
    return { label: states.length === 1 ? "Running" : "All accounts running", tone: "good" };
  }
  const noun = states.length === 1 ? "account" : "accounts";
  return { label: `${running} of ${states.length} ${noun} running`, tone: mostUrgentTone(states) };
}

const urgency: readonly StateTone[] = ["problem", "warning", "busy", "idle", "good"];

function mostUrgentTone(states: readonly AccountState[]): StateTone {
  const tones = new Set(states.map((state) => presentations[state].tone));
  return urgency.find((tone) => tones.has(tone)) ?? "idle";
}
