import { z } from "zod";
import { FailureActionSchema } from "../errors/failure-explanation.ts";

/**
 * How the model side is doing, for `pinch status` and the window: a failing
 * provider answers the sender with a short apology, and the owner sees the
 * real error here (keys already masked by the agent).
 */
export const AgentStatusSchema = z.object({
  state: z.enum(["idle", "ok", "failing"]),
  lastSuccess: z.object({ at: z.string(), model: z.string() }).optional(),
  lastError: z
    .object({
      at: z.string(),
      model: z.string().optional(),
      /** A sentence for the person (failure-explanation.ts); `detail` keeps the providers' own words. */
      message: z.string(),
      detail: z.string().optional(),
      action: FailureActionSchema.optional(),
    })
    .optional(),
  /** An account used its daily token budget: its senders get the failure reply until local midnight. */
  budgetReached: z.object({ at: z.string(), accountId: z.string(), budget: z.number() }).optional(),
});
export type AgentStatus = z.infer<typeof AgentStatusSchema>;
