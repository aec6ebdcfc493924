import { loadConfigFile } from "../config/config-file.ts";
import type { ModelPrices } from "./model-prices.ts";
import type { UsageFile } from "./usage-file.ts";
import { currentUsage } from "./usage-ledger.ts";
import { summarizeUsage, type UsageSummary } from "./usage-summary.ts";

/** The summary of the usage file at `now`: none when nothing was ever counted or the file is unreadable. */
export function usageSummaryOf(
  stateDir: string,
  prices: ModelPrices | undefined,
  now: Date,
): UsageSummary | undefined {
  let file: UsageFile;
  try {
    file = currentUsage(stateDir);
  } catch {
    return undefined;
  }
  return Object.keys(file.days).length === 0 ? undefined : summarizeUsage(file, prices, now);
}

/** For the CLI: a config that does not load leaves the built-in prices in charge. */
export async function readUsageSummary(
  stateDir: string,
  configPath: string,
  now: Date,
): Promise<UsageSummary | undefined> {
  const loaded = await loadConfigFile(configPath);
  return usageSummaryOf(stateDir, loaded.ok ? loaded.config.models?.prices : undefined, now);
}
