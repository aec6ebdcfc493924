/**
 * Today's and this month's tokens and estimated cost, for `pinch status` and
 * the window's Status section: one shape for both, computed from the usage
 * file and the price table at the moment of asking.
 */
import { z } from "zod";
import { costOf, type ModelPrices, PRICES_AS_OF, priceFor } from "./model-prices.ts";
import { addUsage, NO_USAGE, TokenUsageSchema } from "./token-usage.ts";
import { localDay, type UsageFile } from "./usage-file.ts";

export const UsagePeriodSchema = TokenUsageSchema.extend({
  /** Estimated US dollars, for the models that have a price. */
  cost: z.number().nonnegative(),
  /** Models used in the period without a price (their tokens count, their cost does not). */
  unpriced: z.array(z.string()),
});
export type UsagePeriod = z.infer<typeof UsagePeriodSchema>;

export const UsageSummarySchema = z.object({
  today: UsagePeriodSchema,
  month: UsagePeriodSchema,
  pricesAsOf: z.string(),
});
export type UsageSummary = z.infer<typeof UsageSummarySchema>;

export function summarizeUsage(file: UsageFile, prices: ModelPrices | undefined, now: Date): UsageSummary {
  const today = localDay(now);
  const month = today.slice(0, 7);
  return {
    today: period(file, (day) => day === today, prices),
    month: period(file, (day) => day.startsWith(month), prices),
    pricesAsOf: PRICES_AS_OF,
  };
}

function period(file: UsageFile, inPeriod: (day: string) => boolean, prices: ModelPrices | undefined) {
  let totals = NO_USAGE;
  let cost = 0;
  const unpriced = new Set<string>();
  for (const [day, usage] of Object.entries(file.days)) {
    if (!inPeriod(day)) continue;
    for (const [model, tokens] of Object.entries(usage.models)) {
      totals = addUsage(totals, tokens);
      const price = priceFor(model, prices);
      if (price) cost += costOf(tokens, price);
      else unpriced.add(model);
    }
  }
  return { ...totals, cost, unpriced: [...unpriced].sort() };
}

/** `12,400 tokens today (9,800 from cache) · about $0.04` */
export function describeUsage(usage: UsagePeriod, when: string): string {
  const tokens = usage.input + usage.output;
  const cached = usage.cacheRead > 0 ? ` (${usage.cacheRead.toLocaleString("en-US")} from cache)` : "";
  const cost = usage.unpriced.length > 0 && usage.cost === 0 ? "" : ` · about ${dollars(usage.cost)}`;
  return `${tokens.toLocaleString("en-US")} tokens ${when}${cached}${cost}`;
}

function dollars(amount: number): string {
  return amount > 0 && amount < 0.01 ? "less than $0.01" : `$${amount.toFixed(2)}`;
}
