import type { HeldAnswer, PairingStore } from "../access/pairing-store.ts";
import type { Message } from "../imsg/protocol.ts";
import type { Logger } from "../log/logger.ts";
import type { SettleJournal } from "../state/settle-journal.ts";
import type { Admission } from "./admission.ts";
import { chatKeys } from "./inbound-screen.ts";
import type { NoticeOutbox } from "./notice-outbox.ts";
import type { TurnAdmission } from "./turn-runner.ts";

export interface HeldMessageParts {
  store: PairingStore;
  journal: SettleJournal;
  notices: NoticeOutbox;
  admit(message: Message): Admission;
  /** Runs the turn for `message` in its session's queue, after everything queued there; resolves when it is done. */
  runTurn(message: Message, admission: TurnAdmission, chatKeys: string[]): Promise<void>;
  /** Runs a task in a chat's queue. */
  enqueue(queueKey: string, task: () => Promise<void>): void;
  region(): string;
  log: Logger;
}

/** Journal keys of these replies: the first message was settled when its code went out, so they need keys of their own. */
const HELD_PREFIX = "pairing-held:";
/** An approval made while no gateway ran may be read much later; a day-old first message is left unanswered. */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Approving a sender answers the first message they wrote, once: the reply is journaled under a key
 * of its own before it is sent, the held message leaves the pairing file only after that, and after
 * a restart a journaled reply is delivered (checked against the chat first) instead of asked again.
 */
export class HeldMessageAnswers {
  private readonly parts: HeldMessageParts;
  private readonly answering = new Set<string>();

  constructor(parts: HeldMessageParts) {
    this.parts = parts;
  }

  /** At start: replies journaled before a restart go out (answerApproved then finds them done). */
  start(): void {
    for (const entry of this.parts.notices.pending(HELD_PREFIX)) {
      this.parts.enqueue(`chat:${entry.chatId}`, () => this.parts.notices.deliver(entry.guid));
    }
  }

  /** Answers every approved sender's held message not yet answered (called when the pairing file changes). */
  async answerApproved(): Promise<void> {
    const { store, journal } = this.parts;
    const finished = new Set<string>();
    for (const entry of store.snapshot().answer ?? []) {
      const key = `${HELD_PREFIX}${entry.message.guid}`;
      if (this.answering.has(key)) continue;
      if (journal.isHandled(key) || journal.pendingOutbox(key)) {
        finished.add(entry.message.guid);
        continue;
      }
      this.answering.add(key);
      void this.answer(entry, key)
        .then(() => store.takeAnswers(new Set([entry.message.guid])))
        .catch((error: Error) =>
          this.parts.log.warn("could not clear an answered first message from the pairing file", {
            error: error.message,
          }),
        )
        .finally(() => this.answering.delete(key));
    }
    if (finished.size > 0) await store.takeAnswers(finished);
  }

  private async answer(entry: HeldAnswer, key: string): Promise<void> {
    const { journal, log } = this.parts;
    const message = asMessage(entry, key);
    try {
      if (Date.now() - Date.parse(entry.message.createdAt) > MAX_AGE_MS) {
        log.info("not answering an approved sender's first message: it is more than a day old", {
          sender: entry.key,
        });
        return;
      }
      const admission = this.parts.admit(message);
      if (admission.kind !== "turn") {
        log.info("not answering an approved sender's first message", {
          sender: entry.key,
          as: admission.kind,
        });
        return;
      }
      log.info("answering an approved sender's first message", { sender: entry.key });
      await this.parts.runTurn(message, admission, chatKeys(message, this.parts.region()));
    } catch (error) {
      log.error("could not answer an approved sender's first message", {
        sender: entry.key,
        error: (error as Error).message,
      });
    } finally {
      journal.settle(key, null);
    }
  }
}

/** The held message as the row imsg sent, under the reply's own journal key. */
function asMessage(entry: HeldAnswer, key: string): Message {
  return {
    id: entry.message.rowid,
    chat_id: entry.message.chatId,
    guid: key,
    sender: entry.sender,
    ...(entry.name ? { sender_name: entry.name } : {}),
    is_from_me: false,
    is_group: false,
    text: entry.message.text,
    created_at: entry.message.createdAt,
  };
}
