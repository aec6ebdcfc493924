/**
 * One answer sent as the model writes it (block streaming). Each part is cut
 * by `nextBlockBreak`, formatted like a one-shot reply (reply tags and
 * `MEDIA:` lines out, markdown to plain text, chunks; the response prefix on
 * the first part only), journaled, then sent in order by the reply sender,
 * so a part is never sent twice.
 *
 * The journal entry stays open while the model writes: a gateway killed
 * mid-answer finds it open at the next start, sends the parts it had
 * recorded and not sent, then says the answer was interrupted
 * (`ANSWER_INTERRUPTED_NOTE`). A model that fails after parts went out ends
 * the answer the same way.
 */
import type { AnswerStream } from "../agent/agent.ts";
import type { BlockStreaming } from "../config/block-streaming.ts";
import type { Logger } from "../log/logger.ts";
import type { SettleJournal } from "../state/settle-journal.ts";
import { nextBlockBreak } from "./block-breaks.ts";
import type { OutboundFile } from "./outbound-media.ts";
import { MAX_REPLY_CHUNKS, REPLY_CUT_MARKER } from "./reply-cap.ts";
import { extractReplyDirectives, type ReplyTarget } from "./reply-directives.ts";
import type { ReplySender } from "./reply-sender.ts";

export const ANSWER_INTERRUPTED_NOTE = "(My answer was interrupted here. Ask again if you need the rest.)";

export interface StreamedAnswerParts {
  journal: SettleJournal;
  sender: ReplySender;
  /** What the answer answers: the inbound row's guid, its chat, the rows of its burst. */
  key: { guid: string; chatId: number; covers?: string[] };
  chatKeys: string[];
  rules: BlockStreaming;
  /** A part's text as the chat gets it: chunks, the response prefix when `first`. */
  format(text: string, first: boolean): string[];
  /** The files the answer's `MEDIA:` lines name, checked and fetched (refusals logged by the caller). */
  media(references: string[]): Promise<OutboundFile[]>;
  /** The guid to thread the answer under, when a reply tag asks and imsg can. */
  threadUnder(target: ReplyTarget | undefined): string | undefined;
  log: Logger;
}

export class StreamedAnswer implements AnswerStream {
  private readonly parts: StreamedAnswerParts;
  private buffer = "";
  private opened = false;
  private closed = false;
  private chunksRecorded = 0;
  private readonly mediaReferences: string[] = [];
  /** The reply tag of the first part: the whole answer is threaded (or not) as its first part is. */
  private replyTarget: ReplyTarget | undefined;
  private delivering: Promise<void> = Promise.resolve();
  private failed = false;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Called after each part is sent while the model is still writing (the typing indicator). */
  onPartSent: (() => void) | undefined;

  constructor(parts: StreamedAnswerParts) {
    this.parts = parts;
  }

  /** Whether any part was journaled: from then on the answer is this one, and it ends through `finish` or `interrupt`. */
  get started(): boolean {
    return this.opened;
  }

  write(delta: string): void {
    if (this.closed) return;
    this.buffer += delta;
    this.cut(false);
    this.armIdleTimer();
  }

  /** The wait is measured from the first text after the last cut: a sentence waits at most `idleMs`. */
  private armIdleTimer(): void {
    if (this.idleTimer !== undefined || this.closed || this.buffer.trim() === "") return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      this.cut(true);
    }, this.parts.rules.idleMs);
  }

  restart(): boolean {
    if (this.opened) return false;
    this.buffer = "";
    this.stopTimer();
    return true;
  }

  /** The model is done: what is left goes out with the answer's files; resolves once all is sent or given up. */
  async finish(): Promise<void> {
    this.stopTimer();
    if (this.closed) return this.delivering;
    const rest = this.partChunks(this.buffer);
    this.buffer = "";
    const files = await this.parts.media(this.mediaReferences);
    this.close(rest, files.length > 0 ? files : undefined);
    return this.delivering;
  }

  /** Nothing was sent and nothing will be: the answer (or the failure reply) goes out in one piece. */
  discard(): void {
    this.closed = true;
    this.buffer = "";
    this.stopTimer();
  }

  /** The model failed after parts were sent: the answer ends with a note instead of a new one from scratch. */
  async interrupt(): Promise<void> {
    this.stopTimer();
    this.buffer = "";
    if (!this.closed) this.close([ANSWER_INTERRUPTED_NOTE]);
    return this.delivering;
  }

  /** Journals and sends every part the buffer holds (with `idle`, a finished sentence counts). */
  private cut(idle: boolean): void {
    for (;;) {
      const end = nextBlockBreak(this.buffer, this.parts.rules, idle);
      if (end === undefined || this.closed) return;
      const text = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end);
      const chunks = this.partChunks(text);
      if (chunks.length > 0) this.record(chunks);
      this.stopTimer();
      idle = false;
    }
  }

  private partChunks(text: string): string[] {
    const directives = extractReplyDirectives(text);
    this.mediaReferences.push(...directives.media);
    if (!this.opened) this.replyTarget ??= directives.replyTo;
    const chunks = this.parts.format(directives.text, !this.opened && this.chunksRecorded === 0);
    return this.capped(chunks);
  }

  /** A runaway answer stops at the reply cap like a one-shot one, and says so. */
  private capped(chunks: string[]): string[] {
    const room = MAX_REPLY_CHUNKS - this.chunksRecorded;
    if (chunks.length <= room) return chunks;
    this.closed = true;
    this.stopTimer();
    const kept = [...chunks.slice(0, Math.max(0, room - 1)), REPLY_CUT_MARKER];
    if (this.opened) {
      this.chunksRecorded += kept.length;
      this.parts.journal.closeOutbox(this.parts.key.guid, { chunks: kept });
      this.deliver();
      return [];
    }
    return kept;
  }

  private record(chunks: string[]): void {
    const { journal, key } = this.parts;
    this.chunksRecorded += chunks.length;
    if (!this.opened) {
      this.opened = true;
      const replyTo = this.parts.threadUnder(this.replyTarget);
      journal.recordOutbox({
        ...key,
        chunks,
        ...(replyTo ? { replyTo } : {}),
        sent: 0,
        at: Date.now(),
        ...(this.closed ? {} : { open: true as const }),
      });
    } else journal.extendOutbox(key.guid, chunks);
    this.deliver();
  }

  private close(chunks: string[], media?: OutboundFile[]): void {
    this.closed = true;
    this.chunksRecorded += chunks.length;
    this.parts.journal.closeOutbox(this.parts.key.guid, { chunks, ...(media ? { media } : {}) });
    this.deliver();
  }

  /** Sends what is journaled and not yet sent, after the sends before it. */
  private deliver(): void {
    const { journal, sender, key, chatKeys } = this.parts;
    const still = !this.closed;
    this.delivering = this.delivering.then(async () => {
      const entry = journal.pendingOutbox(key.guid);
      if (this.failed || !entry) return;
      const result = await sender.deliver(entry, chatKeys, { verifyFirst: false });
      if (!result.ok) {
        this.failed = true;
        sender.giveUp(key.chatId, result);
      } else if (still) this.onPartSent?.();
    });
  }

  private stopTimer(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}
