import { z } from "zod";

/**
 * The answer of one permission check, as the wizard polls it.
 * - `granted`: nothing to do.
 * - `denied`: the user must act; `fix` says how, `settingsUrl` opens the System Settings pane.
 * - `not-determined`: not answered yet or not knowable right now (the macOS prompt is open,
 *   Messages is not running, the database does not exist yet); `reason` says which.
 * - `not-applicable`: the check does not concern this setup (a remote Mac, no osascript).
 */
export const PermissionStatusSchema = z.enum(["granted", "denied", "not-determined", "not-applicable"]);
export type PermissionStatus = z.infer<typeof PermissionStatusSchema>;

export const PermissionResultSchema = z.object({
  status: PermissionStatusSchema,
  /** What the check found, in a sentence for the user. */
  reason: z.string().optional(),
  /** What to do about it. */
  fix: z.string().optional(),
  /** The System Settings pane that holds the switch, for an allow-listed openExternal. */
  settingsUrl: z.string().optional(),
});
export type PermissionResult = z.infer<typeof PermissionResultSchema>;

/** Worst first: when several targets are checked for one permission, the report shows the worst. */
const severity: Record<PermissionStatus, number> = {
  denied: 3,
  "not-determined": 2,
  granted: 1,
  "not-applicable": 0,
};

export function worstResult(results: PermissionResult[]): PermissionResult {
  const [first, ...rest] = results;
  if (!first) return { status: "not-applicable", reason: "Nothing to check." };
  return rest.reduce((worst, next) => (severity[next.status] > severity[worst.status] ? next : worst), first);
}
