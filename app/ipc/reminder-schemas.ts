/** What the window's Reminders section shows: each account's reminders and scheduled messages. */
import { z } from "zod";
import { AccountIdSchema } from "../config/account-id.ts";
import { ReminderSchema } from "../reminders/reminder-schema.ts";

export const ReminderViewSchema = ReminderSchema.pick({
  id: true,
  number: true,
  kind: true,
  text: true,
  dueAt: true,
  chatLabel: true,
  state: true,
  sentAt: true,
  late: true,
});
export type ReminderView = z.infer<typeof ReminderViewSchema>;

export const RemindersOverviewSchema = z.object({
  accounts: z.array(
    z.object({
      accountId: AccountIdSchema,
      /** The gateway runs this account now; a stopped account's reminders are read when it starts. */
      running: z.boolean(),
      reminders: z.array(ReminderViewSchema),
    }),
  ),
});
export type RemindersOverview = z.infer<typeof RemindersOverviewSchema>;
