import {
  presentAccountState,
  type StatePresentation,
  type StateTone,
} from "../../app/imsg/account-state-presentation.ts";
import type { AccountStatusView } from "../../app/ipc/view-schemas.ts";

/** One line for the header, e.g. "2 of 3 accounts running", toned by the most urgent account. */
export function summarizeAccounts(accounts: readonly AccountStatusView[]): StatePresentation {
  if (accounts.length === 0) return { label: "No accounts", tone: "idle" };
  const running = accounts.filter((account) => account.state === "ready").length;
  if (running === accounts.length) {
    return { label: accounts.length === 1 ? "Running" : "All accounts running", tone: "good" };
  }
  const noun = accounts.length === 1 ? "account" : "accounts";
  return { label: `${running} of ${accounts.length} ${noun} running`, tone: mostUrgentTone(accounts) };
}

const urgency: readonly StateTone[] = ["problem", "warning", "busy", "idle", "good"];

function mostUrgentTone(accounts: readonly AccountStatusView[]): StateTone {
  const tones = new Set(accounts.map((account) => presentAccountState(account.state).tone));
  return urgency.find((tone) => tones.has(tone)) ?? "idle";
}
