/**
 * The daily token budget: a loop of two bots answering each other, or a
 * flood, stops costing money at a number the owner chose. An account's own
 * `dailyTokenBudget` wins over the channel's, which wins over
 * `agents.defaults.dailyTokenBudget`; unset everywhere means no budget.
 */
import { AgentGaveUp } from "../agent/failure-reply.ts";
import type { PinchConfig } from "../config/schema.ts";

export function dailyTokenBudget(config: PinchConfig, accountId: string): number | undefined {
  const channel = config.channels?.imessage;
  return (
    channel?.accounts?.[accountId]?.dailyTokenBudget ??
    channel?.dailyTokenBudget ??
    config.agents?.defaults?.dailyTokenBudget
  );
}

/** The account has used its budget for today: nobody is answered by the model until local midnight. */
export class BudgetReached extends AgentGaveUp {
  override name = "BudgetReached";
  readonly accountId: string;
  readonly budget: number;

  constructor(accountId: string, budget: number) {
    super(`account "${accountId}" used its daily token budget of ${budget.toLocaleString("en-US")}`);
    this.accountId = accountId;
    this.budget = budget;
  }
}

/** What the owner reads, once a day, when an account's budget is used up. */
export function budgetNotice(budget: number): string {
  return `Pinch used today's token budget (${budget.toLocaleString("en-US")} tokens) and stops asking the model until midnight; everyone else gets the failure reply. To go on now, raise agents.defaults.dailyTokenBudget in Settings.`;
}
