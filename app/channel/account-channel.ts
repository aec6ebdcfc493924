import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { PairingStore } from "../access/pairing-store.ts";
import type { Agent } from "../agent/agent.ts";
import { mentionMatcher } from "../config/mention-patterns.ts";
import type { ResolvedAccount } from "../config/resolve-accounts.ts";
import { resolveDefaultAgentId } from "../config/resolve-agent.ts";
import { dmScopeOf } from "../config/session-scope.ts";
import type { CoreContext } from "../core-context.ts";
import type { AccountReport, AccountStatus } from "../imsg/account-status.ts";
import { canThreadReplies } from "../imsg/imsg-capabilities.ts";
import { accountLink } from "../imsg/imsg-link.ts";
import { ImsgSupervisor } from "../imsg/imsg-supervisor.ts";
import type { Chat, Message } from "../imsg/protocol.ts";
import type { Logger } from "../log/logger.ts";
import { OwnerAssistant } from "../reminders/owner-assistant.ts";
import { SettleJournal } from "../state/settle-journal.ts";
import { accountStateDir } from "../state/state-paths.ts";
import { decideAdmission } from "./admission.ts";
import { attachmentSourceFor } from "./attachment-sources.ts";
import { AwayMessages } from "./away-messages.ts";
import { AwayStore } from "./away-store.ts";
import { BudgetNotices } from "./budget-notice.ts";
import type { ChannelEvent } from "./channel-events.ts";
import { ChatMemory } from "./chat-memory.ts";
import { ChatSignals } from "./chat-signals.ts";
import { DeliveryTracker } from "./delivery-tracker.ts";
import { HeldMessageAnswers } from "./held-message-answers.ts";
import { InboundLedger } from "./inbound-ledger.ts";
import { InboundPipeline } from "./inbound-pipeline.ts";
import { type ScreenedRow, screenInbound } from "./inbound-screen.ts";
import { NoticeOutbox } from "./notice-outbox.ts";
import { accountOutboundMedia, releaseOutboundMedia } from "./outbound-media.ts";
import { findOwnerChat } from "./owner-chat.ts";
import { PairingFlow } from "./pairing-flow.ts";
import { ReactionNotes } from "./reaction-notes.ts";
import { RemoteAccountLink } from "./remote-account-link.ts";
import { ReplySender } from "./reply-sender.ts";
import { Throttle } from "./throttle.ts";
import type { TurnGate } from "./turn-hooks.ts";
import { type ChannelSettings, type ConfigCommand, type TurnAdmission, TurnRunner } from "./turn-runner.ts";
import { WatchSession } from "./watch-session.ts";

export type { ChannelSettings } from "./turn-runner.ts";

export interface ChannelParts {
  agent: Agent;
  /** Asked before the agent on every turn (replies paused). */
  gates: readonly TurnGate[];
  pairing: PairingStore;
  runConfigCommand: (command: ConfigCommand) => Promise<string>;
  onEvent: (event: ChannelEvent) => void;
}

/** A live row sent much later than written is a backlog flush; a replayed one may be older, within limits (spec §8). */
const LIVE_MAX_AGE_MS = 15 * 60_000;
const REPLAY_MAX_AGE_MS = 2 * 60 * 60_000;
const DRAIN_TIMEOUT_MS = 15_000;
/** A chatty child's stderr republishes the status at most this often. */
const STDERR_PUBLISH_MS = 1_000;

/**
 * One iMessage account, composed: its supervised `imsg rpc` child, the watch
 * session that turns rows into inbound events, the pipeline that answers
 * them, and the pairing flow. This class only wires the parts and owns their
 * lifecycle; each part owns its own state.
 */
export class AccountChannel {
  readonly pairing: PairingStore;
  /** The messages that came while Pinch was away, kept for the owner's word. */
  readonly away: AwayMessages;
  readonly assistant: OwnerAssistant;
  private settings: ChannelSettings;
  private readonly log: Logger;
  private readonly supervisor: ImsgSupervisor;
  private readonly journal: SettleJournal;
  private readonly watch: WatchSession;
  private readonly pipeline: InboundPipeline;
  private readonly pairingFlow: PairingFlow;
  private readonly budgetNotices: BudgetNotices;
  private readonly remote: RemoteAccountLink | null;
  private readonly delivery: DeliveryTracker;
  private readonly stderrPublish: Throttle;
  private staleSkipped: { count: number; last: string } | undefined;
  private turnedAway: { count: number; last: string } | undefined;
  private mentioned: ((text: string) => boolean) | null = null;
  private accepting = true;

  constructor(settings: ChannelSettings, context: CoreContext, ports: ChannelParts) {
    this.settings = settings;
    const account = settings.account;
    const log = context.log.child({ account: account.id });
    this.log = log;
    const stateDir = accountStateDir(context.stateDir, account.id);
    this.journal = new SettleJournal(stateDir, log);
    const ledger = new InboundLedger(this.journal);
    const memory = new ChatMemory();
    this.pairing = ports.pairing;
    const link = accountLink(account, context.env);
    this.remote = RemoteAccountLink.for(account, link.command, stateDir, log);
    this.watch = new WatchSession({
      ledger,
      log,
      debounceMs: context.watchDebounceMs,
      onRowSeen: (rowid) => sender.noteRowid(rowid),
      onEvent: (event) => this.pipeline.receive(event),
      capabilities: () => this.supervisor.capabilities,
      room: () => this.pipeline.room(),
      includeReactions: () => this.settings.account.reactionNotifications !== "off",
    });
    this.supervisor = new ImsgSupervisor({
      accountId: account.id,
      link,
      env: context.env,
      log,
      onConnected: async (client) => {
        this.away.catchUpStarted();
        try {
          await this.watch.connect(client);
        } finally {
          this.away.caughtUp();
        }
      },
      onHealthy: (client) => this.watch.afterHealthPing(client),
      onNotification: (client, method, params) => this.watch.onNotification(client, method, params),
      onStatus: (status) => this.onSupervisorStatus(status, ports.onEvent),
      startupTimeoutMs: () => this.settings.account.probeTimeoutMs,
      onStderr: () => this.stderrPublish.request(),
    });
    this.stderrPublish = new Throttle(STDERR_PUBLISH_MS, () =>
      ports.onEvent({ type: "status", status: this.status }),
    );
    this.delivery = new DeliveryTracker({
      client: () => this.supervisor.client,
      capabilities: () => this.supervisor.capabilities,
      log,
      onChange: () => ports.onEvent({ type: "status", status: this.status }),
    });
    const sender = new ReplySender({
      supervisor: this.supervisor,
      journal: this.journal,
      memory,
      delivery: this.delivery,
      releaseMedia: (files) => releaseOutboundMedia(files, this.remote?.uploadTarget ?? null),
      log,
    });
    const current = () => this.settings;
    const notices = new NoticeOutbox({ journal: this.journal, sender, log });
    this.assistant = new OwnerAssistant({
      stateDir,
      notices,
      enqueue: (key, task) =>
        new Promise((resolve, reject) => this.pipeline.enqueue(key, () => task().then(resolve, reject))),
      chats: () => this.chats(),
      history: (chatId, limit) => this.history(chatId, limit),
      settings: current,
      log,
    });
    const turns = new TurnRunner({
      agent: ports.agent,
      memory,
      sender,
      journal: this.journal,
      attachments: attachmentSourceFor(() => this.settings.account, this.remote, log),
      outboundMedia: accountOutboundMedia({
        stateDir,
        pending: this.journal.allPendingOutbox().flatMap((entry) => entry.media ?? []),
        policy: () => ({
          roots: this.settings.account.attachmentRoots,
          mediaMaxMb: this.settings.account.mediaMaxMb,
          fetchPrivateHosts: this.settings.account.mediaFetchPrivateHosts,
          remote: this.remote?.uploadTarget ?? null,
        }),
        log,
      }),
      canThread: () => canThreadReplies(this.supervisor.capabilities),
      signals: new ChatSignals({
        client: () => this.supervisor.client,
        capabilities: () => this.supervisor.capabilities,
        log,
      }),
      gates: ports.gates,
      settings: current,
      history: (chatId, limit) => this.history(chatId, limit),
      runConfigCommand: ports.runConfigCommand,
      runAwayCommand: (command) => this.away.command(command),
      onAnswered: (turn) => {
        if (turn.owner && !turn.isGroup) this.budgetNotices.ownerWrote(turn.chatId);
        ports.onEvent({
          type: "turn-answered",
          accountId: account.id,
          sender: turn.sender,
          isGroup: turn.isGroup,
          at: Date.now(),
        });
      },
      onBudgetReached: (budget) => this.budgetNotices.reached(budget),
      assistant: this.assistant,
      log,
    });
    this.budgetNotices = new BudgetNotices({
      accountId: account.id,
      dir: stateDir,
      notices: () => notices,
      enqueue: (key, task) => this.pipeline.enqueue(key, task),
      log,
    });
    this.pairingFlow = new PairingFlow({
      store: this.pairing,
      notices,
      held: new HeldMessageAnswers({
        store: this.pairing,
        journal: this.journal,
        notices,
        admit: (message) => this.admit(message, { selfChat: false, resemblesOwnSend: false }),
        runTurn: (message, admission, keys) => this.runQueuedTurn(turns, message, admission, keys),
        enqueue: (key, task) => this.pipeline.enqueue(key, task),
        region: () => this.settings.account.region,
        log,
      }),
      reply: (message, text, keys) => turns.reply(message, text, keys),
      enqueue: (key, task) => this.pipeline.enqueue(key, task),
      unpairedResponse: () => this.settings.account.unpairedResponse,
      log,
      onRequest: (request) => ports.onEvent({ type: "pairing-requested", accountId: account.id, request }),
      onTurnedAway: () => {
        this.turnedAway = { count: (this.turnedAway?.count ?? 0) + 1, last: new Date().toISOString() };
        ports.onEvent({ type: "status", status: this.status });
      },
      onChanged: () => ports.onEvent({ type: "pairing-changed", accountId: account.id }),
    });
    this.pipeline = new InboundPipeline({
      ledger,
      memory,
      sender,
      turns,
      pairing: this.pairingFlow,
      reactions: new ReactionNotes({
        agent: ports.agent,
        memory,
        settings: current,
        admit: (message) => this.admit(message, { selfChat: false, resemblesOwnSend: false }),
      }),
      settings: current,
      screen: (message, replay) => this.screen(memory, message, replay ? REPLAY_MAX_AGE_MS : LIVE_MAX_AGE_MS),
      admit: (message, row) => this.admit(message, row),
      onTurnedAway: (message, reason) => {
        if (reason !== "not-on-allowlist" || !message.sender) return;
        ports.onEvent({
          type: "sender-not-listed",
          accountId: account.id,
          sender: message.sender,
          at: Date.now(),
        });
      },
      onStale: (message) => {
        this.staleSkipped = { count: (this.staleSkipped?.count ?? 0) + 1, last: message.created_at };
        ports.onEvent({ type: "status", status: this.status });
        return this.away.skipped(message);
      },
      log,
    });
    this.away = new AwayMessages({
      store: new AwayStore(join(stateDir, "away.json"), log),
      journal: this.journal,
      notices,
      screenUnfenced: (message) => this.screen(memory, message, Number.POSITIVE_INFINITY),
      admit: (message, row) => this.admit(message, row),
      runTurn: (message, admission, keys) => this.runQueuedTurn(turns, message, admission, keys),
      enqueue: (key, task) => this.pipeline.enqueue(key, task),
      idle: () => this.pipeline.idle(),
      ownerChat: () =>
        findOwnerChat(
          this.supervisor.client,
          this.settings.config.commands?.ownerAllowFrom ?? [],
          this.settings.account.region,
        ),
      region: () => this.settings.account.region,
      onChange: () => {
        ports.onEvent({ type: "away-changed", accountId: account.id });
        // `pinch status` reads the count from the status file, which a status event rewrites.
        ports.onEvent({ type: "status", status: this.status });
      },
      log,
    });
    this.applySettings(settings);
  }

  get accountId(): string {
    return this.settings.account.id;
  }

  get settingsAccount(): ResolvedAccount {
    return this.settings.account;
  }

  get status(): AccountStatus {
    return this.supervisor.status;
  }

  /** The status with what imsg can do and the replies that did not arrive, for `pinch status` and the window. */
  report(): AccountReport {
    const problems = this.delivery.problems;
    return {
      ...this.supervisor.status,
      imsg: this.supervisor.capabilities,
      ...(problems.length > 0 ? { deliveryProblems: [...problems] } : {}),
      ...(this.staleSkipped ? { staleSkipped: this.staleSkipped } : {}),
      ...(this.turnedAway ? { pairingTurnedAway: this.turnedAway } : {}),
      ...(this.away.entries.length > 0
        ? { awayWaiting: { count: this.away.entries.length, answering: this.away.answering } }
        : {}),
      ...(this.supervisor.lastStderr ? { stderr: this.supervisor.lastStderr } : {}),
    };
  }

  start(): void {
    this.pairingFlow.start();
    this.away.start();
    this.budgetNotices.start();
    this.supervisor.start();
    this.assistant.start();
  }

  /** Applies a new config in place: no restart, nothing dropped. */
  update(settings: ChannelSettings): void {
    this.settings = settings;
    this.applySettings(settings);
  }

  resume(): void {
    this.supervisor.resume();
  }

  /** Stops taking new messages, finishes the replies in flight, then ends imsg. */
  async stop(): Promise<void> {
    this.accepting = false;
    this.watch.stop();
    this.pairingFlow.stop();
    this.away.stop();
    this.assistant.stop();
    // The timer is not kept alive: a quick drain leaves nothing holding the process.
    const drained = await Promise.race([
      this.pipeline.idle().then(() => true),
      sleep(DRAIN_TIMEOUT_MS, false, { ref: false }),
    ]);
    if (!drained) this.log.warn("stopping with replies still in flight; they resume on the next start");
    this.delivery.stop();
    this.stderrPublish.stop();
    await this.watch.unsubscribe(this.supervisor.client);
    await this.supervisor.stop();
    await this.journal.flush();
    this.journal.close();
  }

  private applySettings(settings: ChannelSettings): void {
    this.mentioned = mentionMatcher(settings.config, (invalid) =>
      this.log.warn("ignoring an invalid mention pattern", invalid),
    );
  }

  private screen(memory: ChatMemory, message: Message, maxAgeMs: number) {
    return screenInbound(message, {
      region: this.settings.account.region,
      includeAttachments: this.settings.account.includeAttachments,
      echoMemory: memory.echoes,
      selfChatTwins: memory.selfChatTwins,
      maxAgeMs,
      now: Date.now(),
    });
  }

  /** Runs a turn Pinch starts itself in its session's queue; a notice queued in the chat just before goes out first. */
  private runQueuedTurn(turns: TurnRunner, message: Message, admission: TurnAdmission, keys: string[]) {
    const noticesSent = new Promise<void>((resolve) =>
      this.pipeline.enqueue(`chat:${message.chat_id}`, async () => resolve()),
    );
    return new Promise<void>((resolve, reject) =>
      this.pipeline.enqueue(admission.sessionKey, async () => {
        await noticesSent;
        await turns.run(message, admission, keys, { resemblesOwnSend: false }).then(resolve, reject);
      }),
    );
  }

  private admit(message: Message, { selfChat, resemblesOwnSend }: ScreenedRow) {
    const config = this.settings.config;
    return decideAdmission({
      message,
      account: this.settings.account,
      agentId: resolveDefaultAgentId(config),
      dmScope: dmScopeOf(config),
      ownerAllowFrom: config.commands?.ownerAllowFrom ?? [],
      selfChat,
      resemblesOwnSend,
      mentioned: this.mentioned,
      approvedByPairing: (key) => this.pairing.isApproved(key),
    });
  }

  private async history(chatId: number, limit: number): Promise<Message[]> {
    const client = this.supervisor.client;
    if (!client) return [];
    const result = await client.call("messages.history", { chat_id: chatId, limit });
    return result.messages;
  }

  /** The chats imsg knows, most recent first; an error while imsg is down. */
  private async chats(): Promise<Chat[]> {
    const client = this.supervisor.client;
    if (!client) throw new Error("imsg is not running; try again in a moment");
    const result = await client.call("chats.list", { limit: 100 });
    return result.chats;
  }

  /**
   * A remote account whose ssh keeps failing is asked why; a changed host key
   * stops it for good (it may be an interception) instead of retrying.
   */
  private onSupervisorStatus(status: AccountStatus, emit: (event: ChannelEvent) => void): void {
    emit({ type: "status", status });
    if (status.state !== "backoff" || !this.remote || !this.accepting) return;
    this.remote.onBackoff(async (reason) => {
      if (!this.accepting) return;
      await this.supervisor.stop();
      emit({ type: "status", status: { state: "stopped", accountId: this.accountId, reason } });
    });
  }
}
