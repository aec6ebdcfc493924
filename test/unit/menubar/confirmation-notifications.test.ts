import { describe, expect, it } from "vitest";
import {
  confirmationNotificationContent,
  messagesAwaitingYes,
} from "../../../app/menubar/confirmation-notifications.ts";

const now = new Date(2026, 11, 4, 16, 0);
const reminder = (over: Record<string, unknown>) => ({
  id: "r1",
  number: 1,
  kind: "message" as const,
  text: "On my way!",
  dueAt: new Date(2026, 11, 4, 17, 0).toISOString(),
  chatLabel: "Climbing crew",
  state: "awaiting-yes" as const,
  ...over,
});

describe("messages waiting for the owner's yes", () => {
  it("are the messages for other chats still waiting, in every account; reminders and settled ones are not", () => {
    const found = messagesAwaitingYes({
      accounts: [
        {
          accountId: "default",
          running: true,
          reminders: [
            reminder({}),
            reminder({ id: "r2", kind: "reminder", state: "scheduled" }),
            reminder({ id: "r3", state: "sent" }),
          ],
        },
        { accountId: "bot", running: true, reminders: [reminder({ id: "r4", chatLabel: "Mum" })] },
      ],
    });
    expect(found.map((message) => [message.accountId, message.id])).toEqual([
      ["default", "r1"],
      ["bot", "r4"],
    ]);
  });

  it("are asked about with the chat, the words and the time, a long text cut short", () => {
    const [message] = messagesAwaitingYes({
      accounts: [{ accountId: "default", running: true, reminders: [reminder({})] }],
    });
    expect(message && confirmationNotificationContent(message, now)).toEqual({
      title: "Send to Climbing crew?",
      body: "“On my way!” today at 17:00. Nothing is sent until you say so.",
      actions: ["Send", "Don't send"],
    });
    const long = { ...(message as NonNullable<typeof message>), text: "x".repeat(300) };
    expect(confirmationNotificationContent(long, now).body).toMatch(/^“x{119}…” today at 17:00\./);
  });
});
