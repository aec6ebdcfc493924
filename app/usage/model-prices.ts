/**
 * What a model's tokens cost, in US dollars per million tokens, for the cost
 * estimate. The built-in table holds list prices of the models the setup
 * offers, as the providers published them on `PRICES_AS_OF`; `models.prices`
 * in the config adds models or overrides any of these (the window edits it).
 */
import { z } from "zod";
import type { TokenUsage } from "./token-usage.ts";

const Rate = z.number().nonnegative({ error: "a price cannot be negative" });

export const ModelPriceSchema = z.object({
  /** A prompt token not served from the cache. */
  input: Rate,
  output: Rate,
  /** A prompt token served from the cache; the input price when unset. */
  cacheRead: Rate.optional(),
  /** A prompt token written to the cache (Anthropic); the input price when unset. */
  cacheWrite: Rate.optional(),
});
export type ModelPrice = z.infer<typeof ModelPriceSchema>;

/** `models.prices`: keyed by `"<provider>/<model>"`, like model refs. */
export const ModelPricesSchema = z.record(z.string().regex(/^[^/\s]+\/\S+$/), ModelPriceSchema);
export type ModelPrices = z.infer<typeof ModelPricesSchema>;

/** When the built-in prices were read off the providers' pricing pages. */
export const PRICES_AS_OF = "2026-12-04";

export const BUILT_IN_PRICES: ModelPrices = {
  "anthropic/claude-sonnet-4-5": { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
  "anthropic/claude-haiku-4-5": { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 },
  "anthropic/claude-opus-4-5": { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  "anthropic/claude-sonnet-5": { input: 2, output: 10, cacheRead: 0.2, cacheWrite: 2.5 },
  "openai/gpt-5-mini": { input: 0.25, output: 2, cacheRead: 0.025 },
  "openai/gpt-5": { input: 1.25, output: 10, cacheRead: 0.125 },
  "openai/gpt-5-nano": { input: 0.05, output: 0.4, cacheRead: 0.005 },
};

/** The config's price for a model, else the built-in one; none for a model nobody priced (a local one). */
export function priceFor(ref: string, configured: ModelPrices | undefined): ModelPrice | undefined {
  return configured?.[ref] ?? BUILT_IN_PRICES[ref];
}

/** Dollars for `usage` at `price`: cached reads and cache writes at their own rates. */
export function costOf(usage: TokenUsage, price: ModelPrice): number {
  const fresh = Math.max(0, usage.input - usage.cacheRead - usage.cacheWrite);
  const dollars =
    fresh * price.input +
    usage.cacheRead * (price.cacheRead ?? price.input) +
    usage.cacheWrite * (price.cacheWrite ?? price.input) +
    usage.output * price.output;
  return dollars / 1_000_000;
}
