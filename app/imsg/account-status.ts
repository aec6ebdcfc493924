import { z } from "zod";
import { ImsgCapabilitiesSchema } from "./imsg-capabilities.ts";
import type { PermissionProblem } from "./rpc-error.ts";

/** The state of one account's `imsg` link, as the CLI, the menu bar and the window show it. */
export const AccountStatusSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("starting"), accountId: z.string(), detail: z.string().optional() }),
  z.object({ state: z.literal("ready"), accountId: z.string(), since: z.string() }),
  z.object({
    state: z.literal("backoff"),
    accountId: z.string(),
    retryAt: z.string(),
    lastError: z.string(),
  }),
  z.object({ state: z.literal("stopped"), accountId: z.string(), reason: z.string().optional() }),
  z.object({
    state: z.literal("needs-permission"),
    accountId: z.string(),
    permission: z.enum(["full-disk-access", "automation", "database-missing"]),
    fix: z.string(),
    lastError: z.string(),
  }),
  /** imsg answers, but has no `rpc` (before 0.3): only an upgrade helps, so it is not restarted in a loop. */
  z.object({
    state: z.literal("needs-upgrade"),
    accountId: z.string(),
    fix: z.string(),
    lastError: z.string(),
  }),
]);
export type AccountStatus = z.infer<typeof AccountStatusSchema>;

/** A reply that did not (or may not have) reached its chat, as `pinch status` and the window show it. */
export const DeliveryProblemSchema = z.object({
  chatId: z.number().int(),
  at: z.string(),
  /** `failed`: Messages says so; `uncertain`: imsg could not tell and Pinch did not send it again. */
  kind: z.enum(["failed", "uncertain"]),
  reason: z.string(),
});
export type DeliveryProblem = z.infer<typeof DeliveryProblemSchema>;

/** A line of a child's stderr (imsg's, or ssh's through a wrapper): what the exit code does not say. */
export const StderrLineSchema = z.object({ line: z.string(), at: z.string() });
export type StderrLine = z.infer<typeof StderrLineSchema>;

/** How often something happened since the gateway started, and when last. */
export const CountSinceStartSchema = z.object({ count: z.number().int(), last: z.string() });

/** An account as the gateway publishes it: its state, what its imsg can do, replies that did not arrive. */
export const AccountReportSchema = z.intersection(
  AccountStatusSchema,
  z.object({
    imsg: ImsgCapabilitiesSchema.optional(),
    deliveryProblems: z.array(DeliveryProblemSchema).optional(),
    /** Messages not answered because they were too old when they arrived (after a long outage). */
    staleSkipped: CountSinceStartSchema.optional(),
    /** Unknown senders who got no pairing code because the hour's new requests were used up. */
    pairingTurnedAway: CountSinceStartSchema.optional(),
    /** Messages kept from while Pinch was away, waiting for the owner's `/answer` or `/dismiss` (or being answered). */
    awayWaiting: z.object({ count: z.number().int(), answering: z.boolean() }).optional(),
    /** The last line the current (or last) imsg child wrote on stderr, phone numbers and emails left out. */
    stderr: StderrLineSchema.optional(),
  }),
);
export type AccountReport = z.infer<typeof AccountReportSchema>;

/** The states alone, read off the union above so a new state cannot be missed here. */
export const AccountStateSchema = z.enum(
  AccountStatusSchema.options.map((option) => option.shape.state.value),
);
export type AccountState = AccountStatus["state"];

export const permissionFixes = {
  "full-disk-access":
    "Give Pinch (and imsg) Full Disk Access: System Settings → Privacy & Security → Full Disk Access, then restart Pinch.",
  automation:
    "Allow Pinch to control Messages: System Settings → Privacy & Security → Automation → Pinch → Messages. Over SSH, log into the bot user once and run a send there to approve the prompt.",
  "database-missing":
    "The Messages database was not found: open Messages on that Mac, sign in to iMessage, and check channels.imessage.dbPath.",
} as const;

/** What the window and `pinch status` quote of imsg's words: one line, at most this long. */
export const QUOTED_MAX = 300;

/** An account whose imsg lacks a permission: which one, its fix, and what imsg said. */
export function needsPermissionStatus(
  accountId: string,
  permission: PermissionProblem,
  said: string,
): AccountStatus {
  const fix = permissionFixes[permission];
  return { state: "needs-permission", accountId, permission, fix, lastError: said.slice(0, QUOTED_MAX) };
}

/** An account waiting `delayMs` to start imsg again after `lastError`. */
export function backoffStatus(accountId: string, delayMs: number, lastError: string): AccountStatus {
  const retryAt = new Date(Date.now() + delayMs).toISOString();
  return { state: "backoff", accountId, retryAt, lastError: lastError.slice(0, QUOTED_MAX) };
}
