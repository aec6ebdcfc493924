/**
 * The `catch_up` tool: what arrived in one named chat, or in every chat,
 * over the last hours, read from imsg and handed to the model to summarise.
 * Bounded in chats, messages and characters; a chat the owner excluded
 * (`catchUp.excludeChats`) is never read.
 */
import { tool } from "ai";
import { z } from "zod";
import type { Chat, Message } from "../imsg/protocol.ts";
import type { Logger } from "../log/logger.ts";
import { chatLabel, chatMatches, isExcluded } from "./chat-finder.ts";

export const CATCH_UP_LIMITS = {
  /** Chats looked at when no chat is named: the most recent ones. */
  chats: 20,
  messagesPerChat: 50,
  messages: 200,
  /** Over every message: what a model reads in a moment, far under any context window. */
  characters: 8_000,
  /** One long message is cut to this. */
  messageCharacters: 400,
};

export const CatchUpInput = z.object({
  chat: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe("One chat's name, phone number or email; all chats when absent."),
  hours: z
    .number()
    .positive()
    .max(168)
    .default(24)
    .describe("How far back to look, in hours (at most a week)."),
});

export interface CatchUpContext {
  chats: () => Promise<Chat[]>;
  history: (chatId: number, limit: number) => Promise<Message[]>;
  excluded: () => readonly string[];
  log: Logger;
  now: () => Date;
}

interface CaughtUpChat {
  chat: string;
  messages: { from: string; at: string; text: string }[];
}

export function catchUpTool(context: CatchUpContext) {
  return tool({
    description:
      "Read what other people wrote recently, in one chat or all chats, to summarise it for the owner. Chats the owner excluded are left out.",
    inputSchema: CatchUpInput,
    execute: async (input) => {
      const since = context.now().getTime() - input.hours * 3_600_000;
      const excluded = context.excluded();
      const all = await context.chats();
      if (input.chat && !all.some((chat) => chatMatches(chat, input.chat as string)))
        return { ok: false, error: `no chat named "${input.chat}"` };
      const chats = all
        .filter((chat) => !isExcluded(chat, excluded))
        .filter((chat) => (input.chat ? chatMatches(chat, input.chat) : true))
        .filter((chat) => !chat.last_message_at || Date.parse(chat.last_message_at) >= since)
        .slice(0, CATCH_UP_LIMITS.chats);
      if (input.chat && chats.length === 0)
        return { ok: false, error: `"${input.chat}" is excluded from catch-ups` };
      const result = await readChats(chats, since, context);
      context.log.info("catch_up read chats", {
        chats: chats.map((chat) => chat.id),
        messages: result.count,
        truncated: result.truncated,
      });
      return {
        ok: true,
        since: new Date(since).toISOString(),
        chats: result.chats,
        truncated: result.truncated,
      };
    },
  });
}

async function readChats(chats: readonly Chat[], since: number, context: CatchUpContext) {
  const caught: CaughtUpChat[] = [];
  let count = 0;
  let characters = 0;
  let truncated = false;
  for (const chat of chats) {
    const rows = await context.history(chat.id, CATCH_UP_LIMITS.messagesPerChat);
    const arrived = rows
      .filter((row) => !row.is_from_me && row.text && Date.parse(row.created_at) >= since)
      .reverse();
    const messages: CaughtUpChat["messages"] = [];
    for (const row of arrived) {
      const text = (row.text as string).slice(0, CATCH_UP_LIMITS.messageCharacters);
      if (count >= CATCH_UP_LIMITS.messages || characters + text.length > CATCH_UP_LIMITS.characters) {
        truncated = true;
        break;
      }
      messages.push({ from: row.sender_name || row.sender || "unknown", at: row.created_at, text });
      count += 1;
      characters += text.length;
    }
    if (messages.length > 0) caught.push({ chat: chatLabel(chat), messages });
    if (truncated) break;
  }
  return { chats: caught, count, truncated };
}
