/** One stored reminder or scheduled message: the shape of `reminders.json` and of the window's view. */
import { z } from "zod";

export const ReminderStateSchema = z.enum(["awaiting-yes", "scheduled", "sent", "cancelled", "declined"]);

export const ReminderSchema = z.object({
  id: z.string().min(1),
  /** What `/cancel <n>` takes: small, unique in this account. */
  number: z.number().int().positive(),
  /** `reminder`: a note to the owner; `message`: a text for another chat, sent as written. */
  kind: z.enum(["reminder", "message"]),
  text: z.string().min(1),
  dueAt: z.iso.datetime({ offset: true }),
  createdAt: z.iso.datetime({ offset: true }),
  /** The chat it goes to. */
  chatId: z.number().int(),
  /** How the chat is named to the owner ("you", a group's name, a handle). */
  chatLabel: z.string(),
  /** The chat the owner asked from: where a yes is awaited. */
  askedIn: z.number().int(),
  state: ReminderStateSchema,
  sentAt: z.iso.datetime({ offset: true }).optional(),
  /** It went out later than due because Pinch was not running (or the Mac slept). */
  late: z.boolean().optional(),
});
export type Reminder = z.infer<typeof ReminderSchema>;
