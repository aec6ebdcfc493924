import { canUse, type ImsgCapabilities } from "../imsg/imsg-capabilities.ts";
import { IMSG_TIMEOUTS } from "../imsg/imsg-timeouts.ts";
import {
  type Message,
  MessageNotificationParams,
  WatchErrorParams,
  WatchOverflowParams,
} from "../imsg/protocol.ts";
import type { RpcClient } from "../imsg/rpc-client.ts";
import type { Logger } from "../log/logger.ts";
import { classifyRow, type InboundEvent } from "./inbound-event.ts";
import type { InboundLedger } from "./inbound-ledger.ts";
import { legacyReplay } from "./legacy-replay.ts";
import { readAfter } from "./read-after.ts";
import { DeliveredRowSchema, WatchStallCheck } from "./watch-stall-check.ts";

export interface WatchSessionOptions {
  ledger: InboundLedger;
  log: Logger;
  /** Passed to `watch.subscribe`; imsg's own default is 500 ms, which becomes everyone's latency floor. */
  debounceMs: number;
  /** A row exists up to this rowid (the newest at subscribe, every delivered row). */
  onRowSeen(rowid: number): void;
  onEvent(event: InboundEvent): void;
  /** What the current child can do (messages.after, or the legacy replay). */
  capabilities(): ImsgCapabilities;
  /** Resolves once the pipeline has room for another page of backlog. */
  room(): Promise<void>;
  /** Whether tapback rows are wanted too (`reactionNotifications` is not off). */
  includeReactions(): boolean;
}

/**
 * One account's watch on chat.db, across imsg restarts: subscribes from the
 * ledger's cursor, replays what was missed, and notices a watch that failed
 * or went silent (restarting imsg so the next watch resumes from the cursor).
 * Every row it delivers leaves as one `InboundEvent`.
 */
export class WatchSession {
  private readonly options: WatchSessionOptions;
  private subscription: number | null = null;
  private watchedBefore = false;
  /** The child being subscribed or watched; notifications from any other are stale. */
  private activeClient: RpcClient | null = null;
  /** Notifications that arrived before the subscribe answer was handled (imsg sends replayed rows at once). */
  private early: { method: string; params: unknown }[] = [];
  /** Rows up to this one existed when the current watch began. */
  private replayUntil = 0;
  /** The highest rowid the current watch delivered (or started after), for the silent-watch check. */
  private delivered = 0;
  private readonly stallCheck = new WatchStallCheck();
  private closed = false;

  constructor(options: WatchSessionOptions) {
    this.options = options;
  }

  /** A fresh child answered its first request: watch from the cursor. A throw restarts the child. */
  async connect(client: RpcClient): Promise<void> {
    const { ledger } = this.options;
    const newest = await newestRowid(client);
    this.options.onRowSeen(newest);
    this.replayUntil = newest;
    ledger.startAt(newest);
    const cursor = ledger.cursor ?? newest;
    const firstWatch = !this.watchedBefore;
    this.watchedBefore = true;
    if (canUse(this.options.capabilities(), "messages.after")) {
      await this.catchUpAndWatch(client, cursor);
      return;
    }
    const replay = await legacyReplay(client, { cursor, newest, firstWatch, log: this.options.log });
    if (replay.skipTo !== undefined) ledger.skipTo(replay.skipTo);
    await this.subscribe(client, replay.watchFrom, replay.backlog);
  }

  /**
   * Everything after `from`, read page by page in rowid order (imsg's
   * resumable read), then a watch from where the reading ended: nothing is
   * skipped, however long the gateway was away or however large a burst.
   */
  private async catchUpAndWatch(client: RpcClient, from: number): Promise<void> {
    const position = await readAfter(client, from, this.options.includeReactions(), {
      deliver: (message) => this.deliver(message),
      room: this.options.room,
    });
    if (this.closed) return;
    // imsg reads since_rowid 0 as "the current tail": an empty database is watched from its beginning.
    await this.subscribe(client, position === 0 ? -1 : position);
  }

  /** Watches after `since`; `backlog` (rows read another way, all older) goes first. */
  private async subscribe(client: RpcClient, since: number, backlog: Message[] = []): Promise<void> {
    this.activeClient = client;
    this.subscription = null;
    this.early = [];
    this.delivered = Math.max(since, 0);
    this.stallCheck.reset();
    const result = await client.call("watch.subscribe", {
      since_rowid: since,
      attachments: true,
      debounce_ms: this.options.debounceMs,
      ...(this.options.includeReactions() ? { include_reactions: true } : {}),
    });
    this.subscription = result.subscription;
    this.options.log.info("watching", { subscription: result.subscription, since_rowid: since });
    for (const message of backlog) this.deliver(message);
    const early = this.early;
    this.early = [];
    for (const notification of early) this.onNotification(client, notification.method, notification.params);
  }

  onNotification(client: RpcClient, method: string, params: unknown): void {
    if (client !== this.activeClient || this.closed) return;
    if (this.subscription === null) {
      this.early.push({ method, params });
      return;
    }
    if (method === "message") this.onMessage(params);
    else if (method === "watch.overflow") this.onOverflow(client, params);
    else if (method === "error") this.onWatchError(client, params);
    else this.options.log.debug("ignoring an unknown imsg notification", { method });
  }

  /** After each health ping: a watch that stopped delivering rows while imsg answers is restarted. */
  async afterHealthPing(client: RpcClient): Promise<void> {
    if (client !== this.activeClient || this.subscription === null) return;
    const newest = await newestRowid(client);
    if (client !== this.activeClient) return;
    if (this.stallCheck.observe(newest, this.delivered, Date.now()) !== "stalled") return;
    this.options.log.warn(
      "imsg's watch stopped delivering rows; restarting imsg to watch again from the cursor",
      { newest, delivered: this.delivered },
    );
    client.kill();
  }

  /** Stops delivering rows: the account is shutting down. */
  stop(): void {
    this.closed = true;
  }

  /** Ends the subscription while the child still runs, so imsg stops reading for us. */
  async unsubscribe(client: RpcClient | null): Promise<void> {
    if (!client || this.subscription === null) return;
    await client
      .call(
        "watch.unsubscribe",
        { subscription: this.subscription },
        { timeoutMs: IMSG_TIMEOUTS.unsubscribeMs },
      )
      .catch(() => undefined);
  }

  /**
   * The subscription's buffer filled and imsg ended it: read what it dropped
   * with `messages.after` and watch again. A failure restarts imsg, whose
   * next watch resumes from the cursor all the same.
   */
  private onOverflow(client: RpcClient, params: unknown): void {
    const parsed = WatchOverflowParams.safeParse(params);
    if (!parsed.success || parsed.data.subscription !== this.subscription) return;
    this.subscription = null;
    this.options.log.info("imsg's watch overflowed; reading the rest from where it stopped", {
      resume_after_rowid: parsed.data.resume_after_rowid,
    });
    this.catchUpAndWatch(client, parsed.data.resume_after_rowid).catch((error: Error) => {
      this.options.log.warn("could not catch up after the watch overflowed; restarting imsg", {
        error: error.message,
      });
      client.kill();
    });
  }

  /** A failed watch stays silent while imsg lives on: restart it, and the new watch resumes from the cursor. */
  private onWatchError(client: RpcClient, params: unknown): void {
    const parsed = WatchErrorParams.safeParse(params);
    if (!parsed.success || parsed.data.subscription !== this.subscription) return;
    this.options.log.warn("imsg's watch failed; restarting imsg to watch again from the cursor", {
      error: parsed.data.error?.message,
    });
    client.kill();
  }

  private onMessage(params: unknown): void {
    const delivered = DeliveredRowSchema.safeParse(params);
    if (delivered.success && delivered.data.message.id > this.delivered)
      this.delivered = delivered.data.message.id;
    const parsed = MessageNotificationParams.safeParse(params);
    if (!parsed.success) {
      this.options.log.warn("imsg sent a message notification of an unexpected shape; ignored", {
        issue: parsed.error.issues[0]?.message,
      });
      return;
    }
    if (parsed.data.subscription !== this.subscription) return;
    const message = parsed.data.message;
    this.options.log.debug("received", {
      guid: message.guid,
      rowid: message.id,
      at: performance.timeOrigin + performance.now(),
    });
    this.deliver(message);
  }

  private deliver(message: Message): void {
    if (message.id > this.delivered) this.delivered = message.id;
    this.options.onRowSeen(message.id);
    this.options.onEvent(classifyRow(message, message.id <= this.replayUntil));
  }
}

/** The newest message id: the newest chat's newest message. Rows up to it are replay, later ones live. */
export async function newestRowid(client: RpcClient): Promise<number> {
  const chats = await client.call("chats.list", { limit: 1 }, { timeoutMs: IMSG_TIMEOUTS.slowReadMs });
  const chat = chats.chats[0];
  if (!chat) return 0;
  const history = await client.call("messages.history", { chat_id: chat.id, limit: 1 });
  return history.messages[0]?.id ?? 0;
}
