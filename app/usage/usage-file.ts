/**
 * The shape of `<stateDir>/usage.json` (usage-ledger.ts writes it) and the
 * rules for reading it that the window shares: which day a moment belongs to,
 * and what a budget counts.
 */
import { z } from "zod";
import { type TokenUsage, TokenUsageSchema } from "./token-usage.ts";

const DayUsageSchema = z.object({
  accounts: z.record(z.string(), TokenUsageSchema),
  models: z.record(z.string(), TokenUsageSchema),
  sessions: z.record(z.string(), TokenUsageSchema),
});
export type DayUsage = z.infer<typeof DayUsageSchema>;

export const UsageFileSchema = z.object({
  version: z.literal(1),
  /** Local dates, `YYYY-MM-DD`. */
  days: z.record(z.string(), DayUsageSchema),
});
export type UsageFile = z.infer<typeof UsageFileSchema>;

/** The day a moment belongs to on this Mac's clock: budgets reset at local midnight. */
export function localDay(at: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** What a budget counts: every token read or written, cached ones included. */
export function budgetTokens(usage: TokenUsage): number {
  return usage.input + usage.output;
}
