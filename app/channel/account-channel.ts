import { type FSWatcher, watch } from "node:fs";
import { dirname } from "node:path";
import { type PairingRequest, PairingStore } from "../access/pairing-store.ts";
import type { Agent } from "../agent/agent.ts";
import { compileMentionPatterns, resolveMentionPatterns } from "../config/mention-patterns.ts";
import type { ResolvedAccount } from "../config/resolve-accounts.ts";
import { resolveDefaultAgentId } from "../config/resolve-agent.ts";
import type { PinchConfig } from "../config/schema.ts";
import type { AccountStatus } from "../imsg/account-status.ts";
import { ImsgSupervisor } from "../imsg/imsg-supervisor.ts";
import {
  ChatsListResult,
  HistoryResult,
  type Message,
  MessageNotificationParams,
  WatchErrorParams,
  WatchSubscribeResult,
} from "../imsg/protocol.ts";
import { resolveCliPath } from "../imsg/resolve-cli-path.ts";
import type { RpcClient } from "../imsg/rpc-client.ts";
import type { Logger } from "../log/logger.ts";
import { SettleJournal } from "../state/settle-journal.ts";
import { accountStateDir, pairingStorePath } from "../state/state-paths.ts";
import { type Admission, decideAdmission } from "./admission.ts";
import { EchoMemory } from "./echo-memory.ts";
import { GroupContext } from "./group-context.ts";
import { chatKeys, SelfChatTwins, screenInbound } from "./inbound-screen.ts";
import { KeyedSerialQueue } from "./keyed-serial-queue.ts";
import { LoopGuard } from "./loop-guard.ts";
import { APPROVED_NOTICE, pairingReplyText } from "./pairing-messages.ts";
import { RemoteAccountLink } from "./remote-account-link.ts";
import { ReplySender } from "./reply-sender.ts";
import { RowTracker } from "./row-tracker.ts";
import { type ConfigCommand, deliverText, runTurn, type TurnDeps } from "./turn-runner.ts";
import { DeliveredRowSchema, WatchStallCheck } from "./watch-stall-check.ts";

export interface ChannelSettings {
  account: ResolvedAccount;
  config: PinchConfig;
}

export interface ChannelPorts {
  agent: Agent;
  log: Logger;
  stateDir: string;
  applyConfigCommand: (command: ConfigCommand) => Promise<string>;
  onStatus?: (status: AccountStatus) => void;
  onPairingRequest?: (accountId: string, request: PairingRequest) => void;
  /** Passed to `watch.subscribe`; imsg's own default is 500 ms, which becomes everyone's latency floor. */
  watchDebounceMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** A live row sent much later than written is a backlog flush; a replayed one may be older, within limits (spec §8). */
const LIVE_MAX_AGE_MS = 15 * 60_000;
const REPLAY_MAX_AGE_MS = 2 * 60 * 60_000;
const REPLAY_MAX_ROWS = 500;
const DRAIN_TIMEOUT_MS = 15_000;

/**
 * One iMessage account: its supervised `imsg rpc` child, its watch, and the
 * inbound pipeline from a watched row to a settled reply. Messages of one
 * session run in order; sessions run concurrently.
 */
export class AccountChannel {
  readonly pairing: PairingStore;
  private settings: ChannelSettings;
  private readonly ports: ChannelPorts;
  private readonly log: Logger;
  private readonly supervisor: ImsgSupervisor;
  private readonly journal: SettleJournal;
  private readonly echoMemory = new EchoMemory();
  private readonly selfChatTwins = new SelfChatTwins();
  private readonly queue = new KeyedSerialQueue();
  private readonly groupContext = new GroupContext();
  private readonly loopGuard = new LoopGuard();
  private readonly sender: ReplySender;
  /** Set for an account whose imsg runs on another user or Mac over SSH. */
  private readonly remote: RemoteAccountLink | null;
  private readonly inFlight = new Map<string, number>();
  private readonly loggedGates = new Set<string>();
  private readonly seededSessions = new Set<string>();
  private tracker: RowTracker;
  private subscription: number | null = null;
  private watchedBefore = false;
  /** The child being subscribed or watched; notifications from any other are stale. */
  private activeClient: RpcClient | null = null;
  /** Notifications that arrived before the subscribe answer was handled (imsg sends replayed rows at once). */
  private early: unknown[] = [];
  private replayUntil = 0;
  /** The highest rowid the current watch delivered (or started after), for the silent-watch check. */
  private delivered = 0;
  private readonly watchCheck = new WatchStallCheck();
  private mentioned: (text: string) => boolean = () => false;
  private pairingWatcher: FSWatcher | null = null;
  private accepting = true;

  constructor(settings: ChannelSettings, ports: ChannelPorts) {
    this.settings = settings;
    this.ports = ports;
    const account = settings.account;
    this.log = ports.log.child({ account: account.id });
    this.journal = new SettleJournal(accountStateDir(ports.stateDir, account.id), this.log);
    this.tracker = new RowTracker(this.journal.cursor);
    this.pairing = new PairingStore(pairingStorePath(ports.stateDir, account.id), {
      onCorrupt: (aside) => this.log.warn("pairing store was unreadable; moved it aside", { aside }),
    });
    const command = resolveCliPath(account.cliPath, ports.env) ?? account.cliPath;
    this.remote = RemoteAccountLink.for(
      account,
      command,
      accountStateDir(ports.stateDir, account.id),
      this.log,
    );
    this.supervisor = new ImsgSupervisor({
      accountId: account.id,
      command,
      args: ["rpc", ...(account.dbPath ? ["--db", account.dbPath] : [])],
      ...(ports.env ? { env: ports.env } : {}),
      log: this.log,
      onConnected: (client) => this.subscribe(client),
      onHealthy: (client) => this.checkWatch(client),
      onNotification: (client, method, params) => this.onNotification(client, method, params),
      onStatus: (status) => this.onSupervisorStatus(status),
    });
    this.sender = new ReplySender({
      supervisor: this.supervisor,
      journal: this.journal,
      echoMemory: this.echoMemory,
      log: this.log,
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

  start(): void {
    this.watchPairingFile();
    this.supervisor.start();
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
    this.pairingWatcher?.close();
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      this.queue.idle().then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), DRAIN_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (!drained) this.log.warn("stopping with replies still in flight; they resume on the next start");
    const client = this.supervisor.client;
    if (client && this.subscription !== null) {
      await client
        .request("watch.unsubscribe", { subscription: this.subscription }, 2_000)
        .catch(() => undefined);
    }
    await this.supervisor.stop();
    await this.journal.flush();
    this.journal.close();
  }

  private applySettings(settings: ChannelSettings): void {
    const agentId = resolveDefaultAgentId(settings.config);
    const compiled = compileMentionPatterns(resolveMentionPatterns(settings.config, agentId));
    for (const invalid of compiled.invalid) {
      this.log.warn("ignoring an invalid mention pattern", {
        pattern: invalid.pattern,
        reason: invalid.reason,
      });
    }
    this.mentioned = (text) => compiled.regexes.some((regex) => regex.test(text));
  }

  private async subscribe(client: RpcClient): Promise<void> {
    const newest = await this.newestRowid(client);
    this.sender.noteRowid(newest);
    this.replayUntil = newest;
    if (this.journal.cursor === null) {
      this.journal.startAt(newest);
      this.tracker = new RowTracker(newest);
    }
    const cursor = this.journal.cursor ?? newest;
    // After a long outage of the gateway only the most recent rows are replayed. An imsg restart
    // within this run resumes from the cursor whatever the gap: those rows are this run's backlog.
    const since = this.watchedBefore ? cursor : Math.max(cursor, newest - REPLAY_MAX_ROWS);
    this.watchedBefore = true;
    // imsg reads since_rowid 0 as "start at the newest row", so rows written after an empty
    // database was first watched cannot be asked for by rowid: read them through history instead.
    const backlog = since === 0 && newest > 0 ? await this.readBacklog(client, newest) : [];
    const watchFrom = backlog.length > 0 ? newest : since;
    if (since > cursor) {
      this.log.warn("more rows arrived while stopped than are replayed; skipping the oldest", {
        skipped: since - cursor,
      });
      this.tracker = new RowTracker(since);
    }
    this.activeClient = client;
    this.subscription = null;
    this.early = [];
    this.delivered = watchFrom;
    this.watchCheck.reset();
    const result = await client.call(
      "watch.subscribe",
      {
        since_rowid: watchFrom,
        attachments: true,
        debounce_ms: this.ports.watchDebounceMs ?? 0,
      },
      WatchSubscribeResult,
    );
    this.subscription = result.subscription;
    this.log.info("watching", { subscription: result.subscription, since_rowid: watchFrom });
    for (const message of backlog) this.receive(message);
    const early = this.early;
    this.early = [];
    for (const params of early) this.onMessage(params);
  }

  /** Every row up to `newest`, oldest first, read chat by chat (bounded like any replay). */
  private async readBacklog(client: RpcClient, newest: number): Promise<Message[]> {
    const chats = await client.call("chats.list", { limit: 100 }, ChatsListResult, { timeoutMs: 120_000 });
    const rows: Message[] = [];
    for (const chat of chats.chats) {
      const history = await client.call(
        "messages.history",
        { chat_id: chat.id, limit: REPLAY_MAX_ROWS, attachments: true },
        HistoryResult,
      );
      rows.push(...history.messages.filter((message) => message.id <= newest));
    }
    return rows.sort((a, b) => a.id - b.id).slice(-REPLAY_MAX_ROWS);
  }

  /** The newest message id: the newest chat's newest message. Rows up to it are replay, later ones live. */
  private async newestRowid(client: RpcClient): Promise<number> {
    const chats = await client.call("chats.list", { limit: 1 }, ChatsListResult, { timeoutMs: 120_000 });
    const chat = chats.chats[0];
    if (!chat) return 0;
    const history = await client.call("messages.history", { chat_id: chat.id, limit: 1 }, HistoryResult);
    return history.messages[0]?.id ?? 0;
  }

  private onNotification(client: RpcClient, method: string, params: unknown): void {
    if (client !== this.activeClient || !this.accepting) return;
    if (method === "error") {
      this.onWatchError(client, params);
      return;
    }
    if (method !== "message") {
      this.log.debug("ignoring an unknown imsg notification", { method });
      return;
    }
    if (this.subscription === null) this.early.push(params);
    else this.onMessage(params);
  }

  /** A failed watch stays silent while imsg lives on: restart it, and the new watch resumes from the cursor. */
  private onWatchError(client: RpcClient, params: unknown): void {
    const parsed = WatchErrorParams.safeParse(params);
    if (!parsed.success || parsed.data.subscription !== this.subscription) return;
    this.log.warn("imsg's watch failed; restarting imsg to watch again from the cursor", {
      error: parsed.data.error?.message,
    });
    client.kill();
  }

  /** After each health ping: a watch that stopped delivering rows while imsg answers is restarted from the cursor. */
  private async checkWatch(client: RpcClient): Promise<void> {
    if (client !== this.activeClient || this.subscription === null) return;
    const newest = await this.newestRowid(client);
    if (client !== this.activeClient) return;
    if (this.watchCheck.observe(newest, this.delivered, Date.now()) !== "stalled") return;
    this.log.warn("imsg's watch stopped delivering rows; restarting imsg to watch again from the cursor", {
      newest,
      delivered: this.delivered,
    });
    client.kill();
  }

  private onMessage(params: unknown): void {
    const delivered = DeliveredRowSchema.safeParse(params);
    if (delivered.success && delivered.data.message.id > this.delivered)
      this.delivered = delivered.data.message.id;
    const parsed = MessageNotificationParams.safeParse(params);
    if (!parsed.success) {
      this.log.warn("imsg sent a message notification of an unexpected shape; ignored", {
        issue: parsed.error.issues[0]?.message,
      });
      return;
    }
    if (parsed.data.subscription !== this.subscription) return;
    const message = parsed.data.message;
    this.log.debug("received", {
      guid: message.guid,
      rowid: message.id,
      at: performance.timeOrigin + performance.now(),
    });
    this.receive(message);
  }

  private receive(message: Message): void {
    if (message.id > this.delivered) this.delivered = message.id;
    // A row already in flight or settled (replayed after a restart of imsg or of the gateway) is not seen twice.
    if (this.inFlight.has(message.guid)) return;
    if (this.journal.isHandled(message.guid)) return;
    this.tracker.received(message.id);
    this.sender.noteRowid(message.id);
    this.inFlight.set(message.guid, message.id);
    const account = this.settings.account;
    const screen = screenInbound(message, {
      region: account.region,
      includeAttachments: account.includeAttachments,
      echoMemory: this.echoMemory,
      selfChatTwins: this.selfChatTwins,
      maxAgeMs: message.id <= this.replayUntil ? REPLAY_MAX_AGE_MS : LIVE_MAX_AGE_MS,
      now: Date.now(),
    });
    if (screen.action === "drop") {
      const level = screen.reason === "stale" ? "warn" : "debug";
      this.log[level]("not answering a row", {
        rowid: message.id,
        reason: screen.reason,
        detail: screen.detail,
      });
      this.settle(message);
      return;
    }
    const keys = chatKeys(message, account.region);
    const admission = this.admit(message, screen.selfChat);
    // One queue per session (a chat's messages always map to the same one), so a reply resumed
    // after a restart still goes out before the replies to later messages of that chat.
    const queueKey = admission.kind === "turn" ? admission.sessionKey : `chat:${message.chat_id}`;
    const pending = this.journal.pendingOutbox(message.guid);
    if (pending) {
      this.queue.push(queueKey, async () => {
        await this.sender.deliver(pending, keys, { verifyFirst: true });
        this.settle(message);
      });
      return;
    }
    this.queue.push(queueKey, () => this.handle(message, admission, keys));
  }

  private admit(message: Message, selfChat: boolean): Admission {
    const config = this.settings.config;
    return decideAdmission({
      message,
      account: this.settings.account,
      agentId: resolveDefaultAgentId(config),
      dmScope: config.session?.dmScope ?? "main",
      ownerAllowFrom: config.commands?.ownerAllowFrom ?? [],
      selfChat,
      mentioned: this.mentioned,
      approvedByPairing: (key) => this.pairing.isApproved(key),
    });
  }

  private async handle(message: Message, admission: Admission, keys: string[]): Promise<void> {
    try {
      if (admission.kind === "turn") await this.runTurnFetchingRemoteFiles(message, admission, keys);
      else if (admission.kind === "pairing") await this.startPairing(message, admission.key, keys);
      else if (admission.kind === "context-only") {
        this.groupContext.add(
          message.chat_id,
          {
            sender: message.sender ?? "unknown",
            text: message.text ?? "",
            at: message.created_at,
            fromMe: false,
          },
          this.settings.account.historyLimit,
        );
      } else this.logGateOnce(admission);
    } catch (error) {
      this.log.error("failed to handle a message", { rowid: message.id, error: (error as Error).message });
    }
    this.settle(message);
  }

  /** Attachments of a remote account are copied here first (scp), and deleted after the turn. */
  private async runTurnFetchingRemoteFiles(
    message: Message,
    admission: Extract<Admission, { kind: "turn" }>,
    keys: string[],
  ): Promise<void> {
    const account = this.settings.account;
    if (!this.remote || !account.includeAttachments || !message.attachments?.length) {
      await runTurn(message, admission, keys, this.turnDeps());
      return;
    }
    const local = await this.remote.localize(message, account);
    try {
      await runTurn(local.message, admission, keys, {
        ...this.turnDeps(),
        account: local.account,
        agent: local.explain(this.ports.agent),
      });
    } finally {
      await local.cleanup();
    }
  }

  /**
   * A remote account whose ssh keeps failing is asked why; a changed host key
   * stops it for good (it may be an interception) instead of retrying.
   */
  private onSupervisorStatus(status: AccountStatus): void {
    this.ports.onStatus?.(status);
    if (status.state !== "backoff" || !this.remote || !this.accepting) return;
    void this.remote
      .diagnose()
      .then(async (failure) => {
        if (!failure || !this.accepting) return;
        if (failure.kind !== "host-key-changed") {
          this.log.warn("imsg over SSH cannot connect", { reason: failure.message, fix: failure.fix });
          return;
        }
        this.log.error("stopping this account: the SSH host key changed", {
          reason: failure.message,
          fix: failure.fix,
        });
        await this.supervisor.stop();
        this.ports.onStatus?.({
          state: "stopped",
          accountId: this.accountId,
          reason: `${failure.message}. ${failure.fix}`,
        });
      })
      .catch((error: Error) => this.log.warn("could not check the SSH link", { error: error.message }));
  }

  private turnDeps(): TurnDeps {
    return {
      agent: this.ports.agent,
      agentId: resolveDefaultAgentId(this.settings.config),
      account: this.settings.account,
      config: this.settings.config,
      supervisor: this.supervisor,
      journal: this.journal,
      sender: this.sender,
      groupContext: this.groupContext,
      loopGuard: this.loopGuard,
      log: this.log,
      seededSessions: this.seededSessions,
      applyConfigCommand: this.ports.applyConfigCommand,
    };
  }

  private async startPairing(message: Message, key: string, keys: string[]): Promise<void> {
    const sender = message.sender ?? key;
    const result = await this.pairing.createRequest({ sender, key, chatId: message.chat_id });
    if (result.status === "cap-reached") {
      this.log.warn("ignoring an unknown sender: 3 pairing requests are already pending", { sender: key });
      return;
    }
    if (result.status === "pending") return;
    this.log.info("new pairing request", { sender: key, code: result.request.code });
    this.ports.onPairingRequest?.(this.accountId, result.request);
    const style = this.settings.account.unpairedResponse;
    if (style === "silent") return;
    await deliverText(message, pairingReplyText(style, result.request.code, sender), keys, this.turnDeps());
  }

  private logGateOnce(admission: Extract<Admission, { kind: "drop" }>): void {
    const gate = `${admission.reason}:${admission.gateKey ?? ""}`;
    if (this.loggedGates.has(gate)) return;
    this.loggedGates.add(gate);
    this.log.info("not answering", { reason: admission.reason, fix: admission.fix });
  }

  private settle(message: Message): void {
    this.inFlight.delete(message.guid);
    this.journal.settle(message.guid, this.tracker.settle(message.id));
  }

  /** Approvals made elsewhere (CLI, window) apply at once; `--notify` ones are sent from here. */
  private watchPairingFile(): void {
    const dir = dirname(this.pairing.path);
    try {
      this.pairingWatcher = watch(dir, (_event, name) => {
        if (name !== "pairing.json") return;
        this.pairing.invalidate();
        void this.sendApprovalNotices();
      });
    } catch (error) {
      this.log.warn("cannot watch the pairing store; approvals apply on the next message", {
        error: (error as Error).message,
      });
    }
  }

  private async sendApprovalNotices(): Promise<void> {
    if (this.pairing.snapshot().notify.length === 0) return;
    const approvals = await this.pairing.takeNotifications();
    for (const approved of approvals) {
      const client = await this.supervisor.whenReady();
      const target = approved.chatId === undefined ? { to: approved.sender } : { chat_id: approved.chatId };
      this.echoMemory.rememberText([`chat:${approved.chatId}`], APPROVED_NOTICE);
      await client.request("send", { ...target, text: APPROVED_NOTICE }, 120_000).catch((error: Error) => {
        this.log.error("could not tell an approved sender", { sender: approved.key, error: error.message });
      });
    }
  }
}
