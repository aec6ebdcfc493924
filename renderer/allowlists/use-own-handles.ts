import { useConfigView } from "../bridge/hooks.ts";
import { useNormalized } from "./use-normalized.ts";

function ownerEntries(raw: Record<string, unknown>): string[] {
  const owners = (raw.commands as { ownerAllowFrom?: unknown } | undefined)?.ownerAllowFrom;
  return Array.isArray(owners) ? owners.map(String).filter((entry) => entry.trim() !== "*") : [];
}

/**
 * The owner's own numbers and emails (`commands.ownerAllowFrom`, which the first-run wizard fills
 * with the user's own), as the core reads them in the account's region.
 */
export function useOwnHandles(accountId: string): ReadonlySet<string> {
  const view = useConfigView();
  const owners = view.kind === "ready" ? ownerEntries(view.data.raw) : [];
  const normalized = useNormalized(owners, accountId);
  return new Set(owners.map((entry) => normalized.get(entry)?.normalized ?? entry));
}
