import { IMSG_TIMEOUTS } from "../imsg/imsg-timeouts.ts";
import { type Message, MessageNotificationParams, WatchErrorParams } from "../imsg/protocol.ts";
import type { RpcClient } from "../imsg/rpc-client.ts";
import type { Logger } from "../log/logger.ts";
import { classifyRow, type InboundEvent } from "./inbound-event.ts";
import type { InboundLedger } from "./inbound-ledger.ts";
import { DeliveredRowSchema, WatchStallCheck } from "./watch-stall-check.ts";

/** After a long outage of the gateway only the most recent rows are replayed (spec §8). */
const REPLAY_MAX_ROWS = 500;

export interface WatchSessionOptions {
  ledger: InboundLedger;
  log: Logger;
  /** Passed to `watch.subscribe`; imsg's own default is 500 ms, which becomes everyone's latency floor. */
  debounceMs: number;
  /** A row exists up to this rowid (the newest at subscribe, every delivered row). */
  onRowSeen(rowid: number): void;
  onEvent(event: InboundEvent): void;
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
  private early: unknown[] = [];
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
    const { ledger, log } = this.options;
    const newest = await newestRowid(client);
    this.options.onRowSeen(newest);
    this.replayUntil = newest;
    ledger.startAt(newest);
    const cursor = ledger.cursor ?? newest;
    // An imsg restart within this run resumes from the cursor whatever the gap: those rows are
    // this run's backlog. After a gateway restart only the newest rows are replayed.
    const since = this.watchedBefore ? cursor : Math.max(cursor, newest - REPLAY_MAX_ROWS);
    this.watchedBefore = true;
    // imsg reads since_rowid 0 as "start at the newest row", so rows written after an empty
    // database was first watched cannot be asked for by rowid: read them through history instead.
    const backlog = since === 0 && newest > 0 ? await readBacklog(client, newest) : [];
    const watchFrom = backlog.length > 0 ? newest : since;
    if (since > cursor) {
      log.warn("more rows arrived while stopped than are replayed; skipping the oldest", {
        skipped: since - cursor,
      });
      ledger.skipTo(since);
    }
    this.activeClient = client;
    this.subscription = null;
    this.early = [];
    this.delivered = watchFrom;
    this.stallCheck.reset();
    const result = await client.call("watch.subscribe", {
      since_rowid: watchFrom,
      attachments: true,
      debounce_ms: this.options.debounceMs,
    });
    this.subscription = result.subscription;
    log.info("watching", { subscription: result.subscription, since_rowid: watchFrom });
    for (const message of backlog) this.deliver(message);
    const early = this.early;
    this.early = [];
    for (const params of early) this.onMessage(params);
  }

  onNotification(client: RpcClient, method: string, params: unknown): void {
    if (client !== this.activeClient || this.closed) return;
    if (method === "error") this.onWatchError(client, params);
    else if (method !== "message")
      this.options.log.debug("ignoring an unknown imsg notification", { method });
    else if (this.subscription === null) this.early.push(params);
    else this.onMessage(params);
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

/** Every row up to `newest`, oldest first, read chat by chat (bounded like any replay). */
async function readBacklog(client: RpcClient, newest: number): Promise<Message[]> {
  const chats = await client.call("chats.list", { limit: 100 }, { timeoutMs: IMSG_TIMEOUTS.slowReadMs });
  const rows: Message[] = [];
  for (const chat of chats.chats) {
    const history = await client.call("messages.history", {
      chat_id: chat.id,
      limit: REPLAY_MAX_ROWS,
      attachments: true,
    });
    rows.push(...history.messages.filter((message) => message.id <= newest));
  }
  return rows.sort((a, b) => a.id - b.id).slice(-REPLAY_MAX_ROWS);
}
