import type { Message } from "../imsg/protocol.ts";
import type { Logger } from "../log/logger.ts";
import type { SettleJournal } from "../state/settle-journal.ts";
import type { Admission } from "./admission.ts";
import { awayNoteText } from "./away-note.ts";
import type { AwayEntry, AwayStore } from "./away-store.ts";
import { chatKeys, type ScreenedRow, type ScreenResult } from "./inbound-screen.ts";
import type { NoticeOutbox } from "./notice-outbox.ts";
import type { AwayCommand, TurnAdmission } from "./turn-runner.ts";

export interface AwayParts {
  store: AwayStore;
  journal: SettleJournal;
  notices: NoticeOutbox;
  /** The screen's look at a row with no age fence: the look it would have had in time. */
  screenUnfenced(message: Message): ScreenResult;
  admit(message: Message, row: ScreenedRow): Admission;
  /** Runs the turn for `message` in its session's queue; resolves when it is done. */
  runTurn(message: Message, admission: TurnAdmission, chatKeys: string[]): Promise<void>;
  enqueue(queueKey: string, task: () => Promise<void>): void;
  /** Resolves once every row already received is handled (the skipped ones are then all kept). */
  idle(): Promise<void>;
  /** The owner's chat (`commands.ownerAllowFrom`'s direct chat), or null when there is none. */
  ownerChat(): Promise<number | null>;
  region(): string;
  onChange(): void;
  log: Logger;
}

/** Journal keys: the note, and each late answer (its row was settled when skipped, so it needs a key of its own). */
const NOTE_PREFIX = "away-note:";
const ANSWER_PREFIX = "away:";
/**
 * The note waits until no skipped row came for this long: rows an older imsg replays just after its
 * watch starts, or that arrive late (a Mac waking, iCloud syncing), go into the same note.
 */
const QUIET_MS = 5_000;

/**
 * "While you were away": messages admission would have answered but that
 * were too old when they arrived (spec §8's age fence) are kept, the owner
 * gets one note about them, and they are answered only on the owner's word,
 * each exactly once and in its chat's order, or dismissed.
 */
export class AwayMessages {
  private readonly parts: AwayParts;
  private catchingUp = false;
  private timer: NodeJS.Timeout | undefined;
  private noting: Promise<void> = Promise.resolve();
  private answeringNow: Promise<void> | null = null;
  private stopped = false;

  constructor(parts: AwayParts) {
    this.parts = parts;
  }

  get entries(): readonly AwayEntry[] {
    return this.parts.store.entries;
  }

  get answering(): boolean {
    return this.parts.store.answering;
  }

  /** At start: a note journaled before a restart goes out, and answering the owner asked for goes on. */
  start(): void {
    for (const entry of this.parts.notices.pending(NOTE_PREFIX)) {
      this.parts.enqueue(`chat:${entry.chatId}`, () => this.parts.notices.deliver(entry.guid));
    }
    if (this.parts.store.answering) void this.answerAll();
  }

  /** No new answer starts; the file still says answering, so the next start goes on with the rest. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** The watch is reading what was missed: the note waits until it is all read. */
  catchUpStarted(): void {
    this.catchingUp = true;
  }

  caughtUp(): void {
    this.catchingUp = false;
    this.noteSoon();
  }

  /** A row too old to answer: kept when it is one admission would have answered. */
  async skipped(message: Message): Promise<void> {
    // Only what admission would have answered, and never a command: an old /reset is not run hours later.
    const screen = this.parts.screenUnfenced(message);
    if (screen.action !== "process") return;
    const admission = this.parts.admit(message, screen);
    if (admission.kind !== "turn" || admission.command !== null) return;
    await this.parts.store.add(message, screen.selfChat);
    this.parts.log.info("kept a message that came while Pinch was away", { rowid: message.id });
    this.parts.onChange();
    if (!this.catchingUp) this.noteSoon();
  }

  /** The owner's word: answers every kept message, each once, in its chat's order. */
  answerAll(): Promise<void> {
    this.answeringNow ??= this.answerKept().finally(() => {
      this.answeringNow = null;
    });
    return this.answeringNow;
  }

  /** The owner's `/answer` or `/dismiss`, and what to tell them. */
  async command(command: AwayCommand): Promise<string> {
    const count = this.parts.store.entries.length;
    if (count === 0) return "Nothing is waiting from while I was away.";
    if (command.name === "away-dismiss") {
      await this.dismiss();
      return `Left ${messagesWord(count)} from while I was away unanswered.`;
    }
    void this.answerAll();
    return `Answering ${messagesWord(count)} that came while I was away.`;
  }

  /** Forgets the kept messages without answering them (one being answered still finishes). */
  async dismiss(): Promise<number> {
    const count = this.parts.store.entries.length;
    await this.parts.store.clear();
    this.parts.log.info("dismissed the messages that came while Pinch was away", { count });
    this.parts.onChange();
    return count;
  }

  private noteSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.noting = this.noting.then(() => this.note());
    }, QUIET_MS);
    this.timer.unref();
  }

  /**
   * One note for the messages no note listed yet, journaled before it is
   * sent under a key named by its first message: a restart delivers the
   * journaled note (checking the chat first) and never composes a second.
   */
  private async note(): Promise<void> {
    const { store, notices, log } = this.parts;
    await this.parts.idle();
    const fresh = store.entries.filter((entry) => !entry.noted);
    const first = fresh[0];
    if (!first || store.answering) return;
    const guids = new Set(fresh.map((entry) => entry.message.guid));
    const selfChat = store.entries.find((entry) => entry.selfChat)?.message.chat_id;
    const chatId =
      selfChat ??
      (await this.parts.ownerChat().catch((error: Error) => {
        log.warn("could not look for the owner's chat for the away note", { error: error.message });
        return null;
      }));
    if (chatId === null) {
      log.info("no chat with the owner to send the away note to; it is only in the window", {
        count: fresh.length,
      });
      await store.markNoted(guids);
      return;
    }
    const key = `${NOTE_PREFIX}${first.message.guid}`;
    const text = awayNoteText(
      store.entries.map((entry) => entry.message),
      new Date(),
    );
    const recorded = notices.record({ guid: key, chatId }, [text]);
    await store.markNoted(guids);
    if (!recorded) return;
    log.info("telling the owner about messages that came while Pinch was away", {
      count: store.entries.length,
      chat: chatId,
    });
    this.parts.enqueue(`chat:${chatId}`, () => notices.deliver(key));
  }

  private async answerKept(): Promise<void> {
    const { store, log } = this.parts;
    if (store.entries.length === 0) return;
    if (!store.answering) await store.setAnswering(true);
    this.parts.onChange();
    log.info("answering the messages that came while Pinch was away", { count: store.entries.length });
    const chats = new Map<number, AwayEntry[]>();
    for (const entry of store.entries) {
      chats.set(entry.message.chat_id, [...(chats.get(entry.message.chat_id) ?? []), entry]);
    }
    await Promise.all(
      [...chats.values()].map(async (entries) => {
        for (const entry of entries) if (!this.stopped) await this.answerOne(entry);
      }),
    );
    if (this.stopped) return;
    await store.setAnswering(false);
    this.parts.onChange();
  }

  /** Answers one kept message under a journal key of its own, so a kill mid-way never answers it twice. */
  private async answerOne(entry: AwayEntry): Promise<void> {
    const { journal, notices, store, log } = this.parts;
    const key = `${ANSWER_PREFIX}${entry.message.guid}`;
    // Dismissed while the ones before it were answered.
    if (!store.entries.some((kept) => kept.message.guid === entry.message.guid)) return;
    try {
      if (journal.pendingOutbox(key)) await notices.deliver(key);
      else if (!journal.isHandled(key)) {
        const message = { ...entry.message, guid: key };
        const admission = this.parts.admit(message, { selfChat: entry.selfChat, resemblesOwnSend: false });
        if (admission.kind === "turn") {
          const late = { ...admission, extraSystemPrompt: lateAnswerPrompt(admission, message) };
          await this.parts.runTurn(message, late, chatKeys(message, this.parts.region()));
        } else {
          log.info("not answering a message from while Pinch was away: it is no longer admitted", {
            rowid: entry.message.id,
            as: admission.kind,
          });
        }
        journal.settle(key, null);
      }
    } catch (error) {
      log.error("could not answer a message from while Pinch was away", {
        rowid: entry.message.id,
        error: (error as Error).message,
      });
      journal.settle(key, null);
    }
    await store.remove(entry.message.guid);
    this.parts.onChange();
  }
}

function messagesWord(count: number): string {
  return count === 1 ? "the 1 message" : `the ${count} messages`;
}

/** The model is told the message is hours old, so its answer does not read as if it came at once. */
function lateAnswerPrompt(admission: TurnAdmission, message: Message): string {
  const note = `This message was written at ${message.created_at} and is answered only now: Pinch was away when it came, and its owner asked to answer it.`;
  return admission.extraSystemPrompt ? `${admission.extraSystemPrompt}\n\n${note}` : note;
}
