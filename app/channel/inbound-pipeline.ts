import { inboundDebounceMs } from "../config/inbound-debounce.ts";
import type { Message } from "../imsg/protocol.ts";
import type { Logger } from "../log/logger.ts";
import type { Admission } from "./admission.ts";
import { BurstHolder, type HeldMessage, mayJoinBurst } from "./burst-holder.ts";
import type { ChatMemory } from "./chat-memory.ts";
import type { InboundEvent, InboundKind } from "./inbound-event.ts";
import type { InboundLedger } from "./inbound-ledger.ts";
import { chatKeys, type ScreenedRow, type ScreenResult } from "./inbound-screen.ts";
import { KeyedSerialQueue } from "./keyed-serial-queue.ts";
import type { PairingFlow } from "./pairing-flow.ts";
import type { ReactionNotes } from "./reaction-notes.ts";
import type { ReplySender } from "./reply-sender.ts";
import type { ChannelSettings, RowFacts, TurnRunner } from "./turn-runner.ts";

export interface InboundPipelineParts {
  ledger: InboundLedger;
  memory: ChatMemory;
  sender: ReplySender;
  turns: TurnRunner;
  pairing: PairingFlow;
  reactions: ReactionNotes;
  settings(): ChannelSettings;
  /** The synchronous first look at a row (spec §4): echoes, stale rows, empty rows. */
  screen(message: Message, replay: boolean): ScreenResult;
  admit(message: Message, row: ScreenedRow): Admission;
  /** A row was too old to answer when it arrived (the age fence); it settles once this is done. */
  onStale(message: Message): Promise<void>;
  /** Admission turned a message away (`reason` as admission gives it). */
  onTurnedAway(message: Message, reason: string): void;
  log: Logger;
}

/** Rows queued before the next page of backlog waits, and how far it lets the queue drain. */
const BACKLOG_HIGH_WATER = 2_000;
const BACKLOG_LOW_WATER = 500;

type Handlers = { [K in InboundKind]: (event: Extract<InboundEvent, { kind: K }>) => void };

/**
 * One account's inbound path: every event from the watch is screened,
 * admitted, queued per session, turned into a reply (or a pairing code, or
 * context) and settled. Messages of one session run in order; sessions run
 * concurrently. A row is settled whatever happens to it, so the cursor moves.
 */
export class InboundPipeline {
  private readonly parts: InboundPipelineParts;
  private readonly queue = new KeyedSerialQueue();
  private readonly bursts = new BurstHolder((queueKey, items) =>
    this.queue.push(queueKey, () => this.handleBurst(items)),
  );
  private readonly loggedGates = new Set<string>();
  private readonly handlers: Handlers = {
    message: (event) => this.onMessage(event.message, event.replay),
    reaction: (event) => this.onReaction(event.message),
  };

  constructor(parts: InboundPipelineParts) {
    this.parts = parts;
  }

  receive(event: InboundEvent): void {
    if (!this.parts.ledger.open(event.message)) return;
    (this.handlers[event.kind] as (event: InboundEvent) => void)(event);
  }

  /** Runs `task` after everything already queued under `queueKey`. */
  enqueue(queueKey: string, task: () => Promise<void>): void {
    this.queue.push(queueKey, task);
  }

  /** Resolves once every queued task has finished; a burst still waiting for its sender is queued now. */
  idle(): Promise<void> {
    this.bursts.flushAll();
    return this.queue.idle();
  }

  /** Resolves when another page of backlog may be queued: a burst of pages waits for the queue to drain. */
  room(): Promise<void> {
    return this.queue.size > BACKLOG_HIGH_WATER ? this.queue.atMost(BACKLOG_LOW_WATER) : Promise.resolve();
  }

  private onMessage(message: Message, replay: boolean): void {
    const screen = this.parts.screen(message, replay);
    if (screen.action === "drop") {
      this.drop(message, screen.reason, screen.detail);
      return;
    }
    const keys = chatKeys(message, this.parts.settings().account.region);
    const admission = this.parts.admit(message, screen);
    // One queue per session (a chat's messages always map to the same one), so a reply resumed
    // after a restart still goes out before the replies to later messages of that chat.
    const queueKey = admission.kind === "turn" ? admission.sessionKey : `chat:${message.chat_id}`;
    const pending = this.parts.ledger.pendingReply(message.guid);
    if (pending) this.bursts.flush(queueKey);
    if (pending && pending.guid !== message.guid) {
      // Answered together with a later row of its burst: that row's replay resumes the reply.
      this.queue.push(queueKey, async () => this.parts.ledger.settle(message));
      return;
    }
    if (pending) {
      this.parts.ledger.endInterruptedReply(pending);
      this.queue.push(queueKey, async () => {
        await this.parts.sender.deliver(pending, keys, { verifyFirst: true });
        this.parts.ledger.settle(message);
      });
      return;
    }
    const row: RowFacts = { resemblesOwnSend: screen.resemblesOwnSend };
    const windowMs = inboundDebounceMs(this.parts.settings().config);
    if (windowMs > 0 && admission.kind === "turn" && mayJoinBurst(message, admission)) {
      this.bursts.hold(queueKey, { message, admission, keys, row }, windowMs);
      return;
    }
    this.bursts.flush(queueKey);
    this.queue.push(queueKey, () => this.handle(message, admission, keys, row));
  }

  /**
   * A burst from one sender is one turn: its texts joined in order, answered
   * as its last row, the reply journaled as covering the others. Every row
   * settles only once the turn is done, so a crash before then replays them all.
   */
  private async handleBurst(items: HeldMessage[]): Promise<void> {
    const last = items.at(-1);
    if (!last) return;
    if (items.length === 1) return this.handle(last.message, last.admission, last.keys, last.row);
    const earlier = items.slice(0, -1).map((item) => item.message);
    const merged = { ...last.message, text: items.map((item) => item.message.text ?? "").join("\n") };
    try {
      await this.parts.turns.run(
        merged,
        last.admission,
        last.keys,
        { resemblesOwnSend: items.some((item) => item.row.resemblesOwnSend) },
        earlier.map((message) => message.guid),
      );
    } catch (error) {
      this.parts.log.error("failed to handle a message", {
        rowid: last.message.id,
        error: (error as Error).message,
      });
    }
    for (const message of earlier) this.parts.ledger.settle(message);
    this.parts.ledger.settle(last.message);
  }

  /** A tapback is context, never a turn: noted in its chat's order, then settled. */
  private onReaction(message: Message): void {
    this.queue.push(`chat:${message.chat_id}`, async () => {
      await this.parts.reactions
        .note(message)
        .catch((error: Error) =>
          this.parts.log.warn("could not note a reaction", { rowid: message.id, error: error.message }),
        );
      this.parts.ledger.settle(message);
    });
  }

  private drop(message: Message, reason: string, detail?: string): void {
    this.parts.log[reason === "stale" ? "warn" : "debug"]("not answering a row", {
      rowid: message.id,
      reason,
      detail,
    });
    if (reason !== "stale") {
      this.parts.ledger.settle(message);
      return;
    }
    // Settled only once it is kept for the owner's word: a kill in between replays it.
    this.queue.push(`chat:${message.chat_id}`, async () => {
      await this.parts.onStale(message).catch((error: Error) =>
        this.parts.log.error("could not keep a row that came too late", {
          rowid: message.id,
          error: error.message,
        }),
      );
      this.parts.ledger.settle(message);
    });
  }

  private async handle(message: Message, admission: Admission, keys: string[], row: RowFacts): Promise<void> {
    try {
      switch (admission.kind) {
        case "turn":
          if (admission.warning) this.logGateOnce(admission.warning, message.chat_id, "warn");
          await this.parts.turns.run(message, admission, keys, row);
          break;
        case "pairing":
          await this.parts.pairing.request(message, admission.key, keys);
          break;
        case "context-only":
          this.parts.memory.groups.add(
            message.chat_id,
            {
              sender: message.sender ?? "unknown",
              text: message.text ?? "",
              at: message.created_at,
              fromMe: false,
            },
            this.parts.settings().account.historyLimit,
          );
          break;
        case "drop":
          this.logGateOnce(admission, message.chat_id);
          this.parts.onTurnedAway(message, admission.reason);
          break;
        default:
          admission satisfies never;
      }
    } catch (error) {
      this.parts.log.error("failed to handle a message", {
        rowid: message.id,
        error: (error as Error).message,
      });
    }
    this.parts.ledger.settle(message);
  }

  /** A gate that turned a message away, or could not be enforced, is logged once per account, chat or sender. */
  private logGateOnce(
    gate: { reason: string; fix?: string | undefined; gateKey?: string | undefined },
    chat: number,
    level: "info" | "warn" = "info",
  ): void {
    const key = `${gate.reason}:${gate.gateKey ?? ""}`;
    if (this.loggedGates.has(key)) return;
    this.loggedGates.add(key);
    const fields = { reason: gate.reason, fix: gate.fix, chat };
    if (level === "warn") this.parts.log.warn("answering although a gate cannot be enforced", fields);
    else this.parts.log.info("not answering", fields);
  }
}
