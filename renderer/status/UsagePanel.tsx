import type { GatewayStatus } from "../../app/ipc/view-schemas.ts";
import { describeUsage } from "../../app/usage/usage-summary.ts";
import { Disclosure } from "../ui/Disclosure.tsx";
import { PriceEditor } from "./PriceEditor.tsx";

/**
 * Tokens and what they cost, in words: today, this month, how much came from the provider's
 * cache, and the price table behind the estimate. A reached daily budget is said first.
 */
export function UsagePanel({ usage, agent, model }: Pick<GatewayStatus, "usage" | "agent" | "model">) {
  const budget = agent?.budgetReached;
  return (
    <section className="group status-line usage-panel" aria-labelledby="usage-title">
      <div className="status-line-text">
        <h2 id="usage-title" className="visually-hidden">
          Tokens and cost
        </h2>
        {budget ? (
          <p className="usage-budget" role="status">
            Daily token budget reached: {budget.budget.toLocaleString("en-US")} tokens for {budget.accountId}.
            People who write get the failure reply until midnight; raise agents.defaults.dailyTokenBudget in
            the config to go on now.
          </p>
        ) : null}
        <p data-testid="usage-today">{usage ? describeUsage(usage.today, "today") : "No tokens used yet"}</p>
        {usage ? (
          <p className="status-line-detail" data-testid="usage-month">
            {describeUsage(usage.month, "this month")}
            {usage.month.unpriced.length > 0 ? ` · no price for ${usage.month.unpriced.join(", ")}` : ""}
          </p>
        ) : null}
        <Disclosure summary="Prices">
          <PriceEditor initialRef={model?.ref ?? "anthropic/claude-sonnet-4-5"} />
        </Disclosure>
      </div>
    </section>
  );
}
