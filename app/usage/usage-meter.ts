/**
 * The agent's side of usage: before a turn, whether the account may still ask
 * a model today; after it, what the answer cost, into the ledger.
 */
import type { AgentTurn } from "../agent/agent.ts";
import type { PinchConfig } from "../config/schema.ts";
import { BudgetReached, dailyTokenBudget } from "./daily-budget.ts";
import type { TokenUsage } from "./token-usage.ts";
import { UsageLedger } from "./usage-ledger.ts";

export class UsageMeter {
  readonly ledger: UsageLedger;

  constructor(stateDir: string, onError: (error: Error) => void) {
    this.ledger = new UsageLedger(stateDir, onError);
  }

  /** The refusal to ask a model for this turn, when its account has used today's budget. */
  overBudget(config: PinchConfig, turn: AgentTurn, now = new Date()): BudgetReached | undefined {
    const budget = dailyTokenBudget(config, turn.accountId);
    if (budget === undefined || this.ledger.dayTotal(turn.accountId, now) < budget) return undefined;
    return new BudgetReached(turn.accountId, budget);
  }

  record(turn: AgentTurn, model: string, usage: TokenUsage): void {
    this.ledger.record({
      accountId: turn.accountId,
      sessionKey: turn.sessionKey,
      model,
      usage,
      at: new Date(),
    });
  }

  flush(): Promise<void> {
    return this.ledger.flush();
  }
}
