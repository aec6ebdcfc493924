/**
 * The `remind` and `schedule_message` tools. A reminder goes to the chat the
 * owner asked from; a message for another chat is stored waiting for the
 * owner's yes (`ReminderCommands` reads it), and only then scheduled. The
 * tool's answer holds the confirmation in words for the model to pass on.
 */
import { tool } from "ai";
import { z } from "zod";
import type { Chat } from "../imsg/protocol.ts";
import { chatLabel, findChat } from "./chat-finder.ts";
import { type QuietHours, quietUntil } from "./quiet-hours.ts";
import type { ReminderStore } from "./reminder-store.ts";
import { clockTime, resolveReminderTime, timeInWords } from "./reminder-time.ts";

export interface ReminderToolContext {
  store: ReminderStore;
  /** The chat of the turn: where a reminder goes, and where a yes is awaited. */
  chatId: number;
  chats: () => Promise<Chat[]>;
  quietHours: () => QuietHours | undefined;
  now: () => Date;
}

const WHEN_DESCRIPTION =
  'When, as the person said it ("in 20 minutes", "at 5pm", "tomorrow morning", "tonight at 9") or as an ISO time in the Mac\'s time zone (2026-12-04T17:00).';

export const RemindInput = z.object({
  text: z.string().trim().min(1).max(500).describe("What to remind the person of, in a few words."),
  when: z.string().trim().min(1).max(100).describe(WHEN_DESCRIPTION),
});

export const ScheduleMessageInput = z.object({
  chat: z.string().trim().min(1).max(200).describe("The chat to send to: its name, phone number or email."),
  text: z.string().trim().min(1).max(2000).describe("The message, exactly as it should be sent."),
  when: z.string().trim().min(1).max(100).describe(WHEN_DESCRIPTION),
});

type ToolAnswer = { ok: true; confirmation: string } | { ok: false; error: string };

export function remindTool(context: ReminderToolContext) {
  return tool({
    description:
      "Set a reminder: at the given time, the person gets a text in this chat. Tell them the confirmation exactly as returned.",
    inputSchema: RemindInput,
    execute: async (input): Promise<ToolAnswer> => {
      const now = context.now();
      const due = dueTime(input.when, now);
      if (!due.ok) return due;
      await context.store.add(
        {
          kind: "reminder",
          text: input.text,
          dueAt: due.at.toISOString(),
          chatId: context.chatId,
          chatLabel: "you",
          askedIn: context.chatId,
          state: "scheduled",
        },
        now,
      );
      return {
        ok: true,
        confirmation: `I'll remind you ${timeInWords(due.at, now)}.${quietNote(context, due.at)}`,
      };
    },
  });
}

export function scheduleMessageTool(context: ReminderToolContext) {
  return tool({
    description:
      "Schedule a text to another chat at a time. Nothing is sent until the owner answers yes; pass the returned question on exactly.",
    inputSchema: ScheduleMessageInput,
    execute: async (input): Promise<ToolAnswer> => {
      const now = context.now();
      const due = dueTime(input.when, now);
      if (!due.ok) return due;
      const chat = findChat(await context.chats(), input.chat);
      if (!chat)
        return { ok: false, error: `no chat named "${input.chat}"; ask for its exact name or number` };
      const label = chatLabel(chat);
      await context.store.add(
        {
          kind: "message",
          text: input.text,
          dueAt: due.at.toISOString(),
          chatId: chat.id,
          chatLabel: label,
          askedIn: context.chatId,
          state: "awaiting-yes",
        },
        now,
      );
      return {
        ok: true,
        confirmation: `Send "${input.text}" to ${label} ${timeInWords(due.at, now)}? Answer yes or no.`,
      };
    },
  });
}

function dueTime(when: string, now: Date): { ok: true; at: Date } | { ok: false; error: string } {
  const resolved = resolveReminderTime(when, now);
  if (!resolved.ok) return { ok: false, error: resolved.problem };
  if (resolved.at.getTime() <= now.getTime())
    return { ok: false, error: `${when} has passed; give a later time` };
  return resolved;
}

function quietNote(context: ReminderToolContext, at: Date): string {
  const until = quietUntil(context.quietHours(), at);
  return until ? ` That falls in quiet hours, so it will come at ${clockTime(until)}.` : "";
}
