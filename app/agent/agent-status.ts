import { z } from "zod";

/**
 * How the model side is doing, for `pinch status` and the window: a failing
 * provider answers the sender with a short apology, and the owner sees the
 * real error here (keys already masked by the agent).
 */
export const AgentStatusSchema = z.object({
  state: z.enum(["idle", "ok", "failing"]),
  lastSuccess: z.object({ at: z.string(), model: z.string() }).optional(),
  lastError: z.object({ at: z.string(), model: z.string().optional(), message: z.string() }).optional(),
});
export type AgentStatus = z.infer<typeof AgentStatusSchema>;
