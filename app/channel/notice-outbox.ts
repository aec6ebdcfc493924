import type { Logger } from "../log/logger.ts";
import type { OutboxEntry, SettleJournal } from "../state/settle-journal.ts";
import type { ReplySender } from "./reply-sender.ts";

/**
 * Messages that answer no inbound row (approval notices), journaled under
 * keys of their own and delivered like replies: checked against the chat
 * first after a restart, so a crash neither loses nor repeats one.
 */
export class NoticeOutbox {
  private readonly journal: SettleJournal;
  private readonly sender: ReplySender;
  private readonly log: Logger;

  constructor(options: { journal: SettleJournal; sender: ReplySender; log: Logger }) {
    this.journal = options.journal;
    this.sender = options.sender;
    this.log = options.log;
  }

  /** False when `key` was journaled before (it is being or has been delivered): a notice is never queued twice. */
  record(key: { guid: string; chatId: number }, chunks: string[]): boolean {
    if (this.journal.isHandled(key.guid) || this.journal.pendingOutbox(key.guid)) return false;
    this.journal.recordOutbox({ ...key, chunks, sent: 0, at: Date.now() });
    return true;
  }

  /** Delivers a journaled notice (checking first whether an earlier attempt landed), then settles it. */
  async deliver(guid: string): Promise<void> {
    const entry = this.journal.pendingOutbox(guid);
    if (!entry) return;
    const result = await this.sender.deliver(entry, [`chat:${entry.chatId}`], { verifyFirst: true });
    if (!result.ok) {
      this.log.error("could not deliver a notice; giving up on it", {
        chat: entry.chatId,
        error: result.error,
      });
    }
    this.journal.settle(guid, null);
  }

  /** Journaled notices not yet settled (after a restart), whose keys start with `prefix`. */
  pending(prefix: string): OutboxEntry[] {
    return this.journal.allPendingOutbox().filter((entry) => entry.guid.startsWith(prefix));
  }
}
