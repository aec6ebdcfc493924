import { explainKnownFailure } from "../errors/failure-explanation.ts";
import type { AccountReport, AccountStatus } from "../imsg/account-status.ts";
import type { ImsgCapabilities } from "../imsg/imsg-capabilities.ts";
import type { AccountStatusView, ImsgView } from "../ipc/view-schemas.ts";
import { imsgUpdateFor } from "../setup/permissions/imsg-update.ts";

/**
 * A running account as the Status view shows it: its state in a sentence,
 * the imsg it runs, what that imsg last wrote on stderr, and the replies
 * that did not arrive.
 */
export function viewOfReport(report: AccountReport): AccountStatusView {
  const problems = report.deliveryProblems ?? [];
  return {
    ...viewOfState(report),
    // Before its first handshake an account's report holds the legacy default, not its imsg.
    ...(report.state === "ready" && report.imsg ? { imsg: viewOfImsg(report.imsg) } : {}),
    ...(problems.length > 0 ? { deliveryProblems: [...problems] } : {}),
    ...(report.stderr ? { stderr: report.stderr } : {}),
    ...(report.staleSkipped ? { staleSkipped: report.staleSkipped } : {}),
    ...(report.pairingTurnedAway ? { pairingTurnedAway: report.pairingTurnedAway } : {}),
  };
}

/** The facts, not the method list: the window words what a person can act on. */
function viewOfImsg(capabilities: ImsgCapabilities): ImsgView {
  const { methods: _methods, ...facts } = capabilities;
  const update = imsgUpdateFor(capabilities);
  return { ...facts, ...(update ? { update } : {}) };
}

function viewOfState(status: AccountStatus): AccountStatusView {
  const id = status.accountId;
  switch (status.state) {
    case "starting":
      return { id, state: "starting", ...(status.detail ? { detail: status.detail } : {}) };
    case "ready":
      return { id, state: "ready", detail: "Watching for new messages", since: status.since };
    case "backoff":
      return { id, state: "backoff", ...inWords(status.lastError), retryAt: status.retryAt };
    case "stopped":
      return { id, state: "stopped", ...(status.reason ? { detail: status.reason } : {}) };
    case "needs-permission":
      return { id, state: "needs-permission", ...inWords(status.lastError), fix: status.fix };
    case "needs-upgrade":
      return { id, state: "needs-upgrade", detail: status.lastError, fix: status.fix };
  }
}

/** imsg's error as a sentence when it is a known one (ENOENT, EPERM, -1743), the original kept as `raw`. */
function inWords(lastError: string): Pick<AccountStatusView, "detail" | "raw"> {
  const known = explainKnownFailure(lastError);
  return known ? { detail: known.message, raw: known.detail } : { detail: lastError };
}
