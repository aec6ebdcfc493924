/**
 * Telling the owner, once a day, that an account reached its daily token
 * budget: a notice through the notice outbox (journaled under a key per
 * account and day, so neither a second stranger nor a restart repeats it) to
 * the owner's own DM with the assistant, the chat the owner last wrote from.
 * That chat is kept in the account's state folder so a restart still knows it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../fs/atomic-write.ts";
import type { Logger } from "../log/logger.ts";
import { budgetNotice } from "../usage/daily-budget.ts";
import { localDay } from "../usage/usage-file.ts";
import type { NoticeOutbox } from "./notice-outbox.ts";

const OwnerChatSchema = z.object({ chatId: z.number().int() });

export interface BudgetNoticeParts {
  accountId: string;
  /** The account's state folder. */
  dir: string;
  notices: () => NoticeOutbox;
  enqueue(queueKey: string, task: () => Promise<void>): void;
  log: Logger;
}

export class BudgetNotices {
  private readonly parts: BudgetNoticeParts;
  private ownerChat: number | undefined;

  constructor(parts: BudgetNoticeParts) {
    this.parts = parts;
    this.ownerChat = readOwnerChat(this.path);
  }

  /** At start: a notice journaled before a restart goes out (checked against the chat first). */
  start(): void {
    const notices = this.parts.notices();
    for (const entry of notices.pending(`budget:${this.parts.accountId}:`)) {
      this.parts.enqueue(`chat:${entry.chatId}`, () => notices.deliver(entry.guid));
    }
  }

  /** The owner wrote in a DM: that is where a notice reaches them. */
  ownerWrote(chatId: number): void {
    if (chatId === this.ownerChat) return;
    this.ownerChat = chatId;
    void writeFileAtomic(this.path, `${JSON.stringify({ chatId })}\n`).catch((error: Error) =>
      this.parts.log.warn("could not keep the owner's chat", { error: error.message }),
    );
  }

  /** The budget stopped a turn of someone else's; the owner hears of it once today. */
  reached(budget: number): void {
    const chatId = this.ownerChat;
    if (chatId === undefined) {
      this.parts.log.debug("daily token budget reached; no owner chat known to tell");
      return;
    }
    const guid = `budget:${this.parts.accountId}:${localDay(new Date())}`;
    const notices = this.parts.notices();
    if (!notices.record({ guid, chatId }, [budgetNotice(budget)])) return;
    this.parts.enqueue(`chat:${chatId}`, () => notices.deliver(guid));
  }

  private get path(): string {
    return join(this.parts.dir, "owner-chat.json");
  }
}

function readOwnerChat(path: string): number | undefined {
  try {
    return OwnerChatSchema.parse(JSON.parse(readFileSync(path, "utf8"))).chatId;
  } catch {
    return undefined;
  }
}
