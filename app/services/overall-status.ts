import { z } from "zod";
import type { AgentStatus } from "../agent/agent-status.ts";
import { type StateTone, summarizeAccounts } from "../imsg/account-state-presentation.ts";
import type { AccountState } from "../imsg/account-status.ts";

export const StateToneSchema = z.enum(["good", "busy", "warning", "problem", "idle"]);

/** One thing the user should know about, in words: the pill, the tray and the sidebar show these. */
export const StatusConcernSchema = z.object({
  kind: z.enum([
    "gateway",
    "no-accounts",
    "accounts",
    "model-failing",
    "budget",
    "paused",
    "pairing",
    "away",
  ]),
  text: z.string(),
  /** The model that fails, or the account state behind the line. */
  detail: z.string().optional(),
  tone: StateToneSchema,
});
export type StatusConcern = z.infer<typeof StatusConcernSchema>;

/**
 * Pinch as a whole, worst thing first: green only while every account runs, the model answers and
 * replies are not paused. The one place this is decided; the window and the menu bar only show it.
 */
export const OverallStatusSchema = z.object({
  tone: StateToneSchema,
  headline: z.string(),
  /** Everything that is not right, worst first; `headline` is the first one's text. */
  concerns: z.array(StatusConcernSchema),
  paused: z.boolean(),
  pendingRequests: z.number().int().nonnegative(),
});
export type OverallStatus = z.infer<typeof OverallStatusSchema>;

export interface OverallInputs {
  running: boolean;
  problem?: string | undefined;
  accounts: readonly { state: AccountState }[];
  agent?: AgentStatus | undefined;
  paused: boolean;
  pendingRequests: number;
  /** The configured primary model, to name it when the status has no failure of its own yet. */
  model?: string | undefined;
  /** Messages that came while Pinch was away, waiting for the owner's word. */
  awayMessages?: number;
}

// Lower runs first. Accounts that cannot work at all outrank the model; a restart in progress does not.
const rank: Record<StatusConcern["kind"], number> = {
  gateway: 0,
  "no-accounts": 1,
  accounts: 2,
  "model-failing": 3,
  budget: 3,
  paused: 4,
  pairing: 6,
  away: 7,
};
const accountsRank = (tone: StateTone) => (tone === "problem" ? rank.accounts : 5);

export function deriveOverallStatus(inputs: OverallInputs): OverallStatus {
  const concerns = collectConcerns(inputs)
    .map((concern, order) => ({ concern, order }))
    .sort((a, b) => a.concern.rank - b.concern.rank || a.order - b.order)
    .map(({ concern: { rank: _rank, ...concern } }) => concern);
  const first = concerns[0];
  const allRunning = summarizeAccounts(inputs.accounts.map((account) => account.state));
  return {
    tone: first?.tone ?? "good",
    headline: first?.text ?? allRunning.label,
    concerns,
    paused: inputs.paused,
    pendingRequests: inputs.pendingRequests,
  };
}

function collectConcerns(inputs: OverallInputs): (StatusConcern & { rank: number })[] {
  const concerns: (StatusConcern & { rank: number })[] = [];
  if (!inputs.running) {
    concerns.push({
      kind: "gateway",
      text: "Gateway stopped",
      ...(inputs.problem ? { detail: inputs.problem } : {}),
      tone: "problem",
      rank: rank.gateway,
    });
  } else if (inputs.accounts.length === 0) {
    concerns.push({
      kind: "no-accounts",
      text: "No iMessage account yet",
      tone: "idle",
      rank: rank["no-accounts"],
    });
  } else {
    const summary = summarizeAccounts(inputs.accounts.map((account) => account.state));
    if (summary.tone !== "good") {
      concerns.push({
        kind: "accounts",
        text: summary.label,
        tone: summary.tone,
        rank: accountsRank(summary.tone),
      });
    }
  }
  if (inputs.agent?.state === "failing") {
    const model = inputs.agent.lastError?.model ?? inputs.model;
    concerns.push({
      kind: "model-failing",
      text: "Model failing — replies get an apology",
      ...(model ? { detail: model } : {}),
      tone: "problem",
      rank: rank["model-failing"],
    });
  }
  const budget = inputs.agent?.budgetReached;
  if (budget) {
    concerns.push({
      kind: "budget",
      text: "Daily token budget reached",
      detail: `Account ${budget.accountId} used ${budget.budget.toLocaleString("en-US")} tokens today; senders get the failure reply until midnight. Raise agents.defaults.dailyTokenBudget in Settings to go on now.`,
      tone: "warning",
      rank: rank.budget,
    });
  }
  if (inputs.paused) {
    concerns.push({ kind: "paused", text: "Replies paused", tone: "warning", rank: rank.paused });
  }
  if (inputs.pendingRequests > 0) {
    concerns.push({
      kind: "pairing",
      text: `${inputs.pendingRequests} waiting for approval`,
      tone: "warning",
      rank: rank.pairing,
    });
  }
  const away = inputs.awayMessages ?? 0;
  if (away > 0) {
    concerns.push({
      kind: "away",
      text: `${away === 1 ? "1 message" : `${away} messages`} while you were away`,
      tone: "warning",
      rank: rank.away,
    });
  }
  return concerns;
}
