/**
 * The messages that came while Pinch was away, as the window shows them:
 * who, in which chat, when, and the first words. Part of the contract.
 */
import { z } from "zod";

export const AwayMessageViewSchema = z.object({
  /** The row's guid, for React keys. */
  guid: z.string(),
  sender: z.string(),
  /** The Contacts name imsg gave, when it did. */
  name: z.string().optional(),
  /** The chat as the owner knows it: the person for a direct chat, the group's name. */
  chat: z.string(),
  isGroup: z.boolean(),
  at: z.string(),
  /** The first words, as Pairing shows a first message. */
  preview: z.string(),
});
export type AwayMessageView = z.infer<typeof AwayMessageViewSchema>;

export const AwayOverviewSchema = z.object({
  accounts: z.array(
    z.object({
      accountId: z.string(),
      /** The owner said to answer them, and they are being answered now. */
      answering: z.boolean(),
      messages: z.array(AwayMessageViewSchema),
    }),
  ),
});
export type AwayOverview = z.infer<typeof AwayOverviewSchema>;
