import type { Logger } from "../log/logger.ts";
import { redactPeople } from "../log/redact-log-line.ts";
import {
  type AccountStatus,
  backoffStatus,
  needsPermissionStatus,
  permissionFixes,
  QUOTED_MAX,
  type StderrLine,
} from "./account-status.ts";
import { Backoff } from "./backoff.ts";
import { pingImsg } from "./health-ping.ts";
import { type ImsgCapabilities, LEGACY_CAPABILITIES } from "./imsg-capabilities.ts";
import { handshake } from "./imsg-handshake.ts";
import { type ImsgLink, startImsgRpc } from "./imsg-link.ts";
import { IMSG_TIMEOUTS } from "./imsg-timeouts.ts";
import type { RpcClient } from "./rpc-client.ts";
import { classifyPermissionText, type PermissionProblem, RpcFailure } from "./rpc-error.ts";
import { RpcSupportCheck } from "./rpc-support-check.ts";
import { probeRpcSupport, type RpcSupport, tooOldWords } from "./rpc-support-probe.ts";
import { describeSpawnError } from "./spawn-error.ts";

export interface SupervisorOptions {
  accountId: string;
  link: ImsgLink;
  env?: NodeJS.ProcessEnv;
  log: Logger;
  /** Runs once a fresh child answered its first request: subscribe here. A throw restarts the child. */
  onConnected: (client: RpcClient) => Promise<void>;
  onNotification: (client: RpcClient, method: string, params: unknown) => void;
  onStatus: (status: AccountStatus) => void;
  /** The child wrote a line on stderr (read it from `lastStderr`). */
  onStderr?: () => void;
  /** Runs after each answered health ping, for checks that need a live child (a silent watch). */
  onHealthy?: (client: RpcClient) => Promise<void>;
  healthIntervalMs?: number;
  healthTimeoutMs?: number;
  /**
   * How long the handshake may take, read at each start (`probeTimeoutMs`). A large chat.db can
   * take well over 15 s to answer the first request; waiting is not failing, hence the long default.
   */
  startupTimeoutMs?: () => number | undefined;
  backoff?: Backoff;
}

/**
 * Keeps one account's `imsg rpc` child alive: starts it, pings it, restarts it
 * with backoff when it dies, stalls or closes its pipe, and recognises
 * permission failures and an imsg without `rpc` so they are reported instead
 * of retried in a hot loop. It keeps the child's last stderr line, which says
 * what an exit code cannot.
 */
export class ImsgSupervisor {
  private readonly options: SupervisorOptions;
  private readonly backoff: Backoff;
  private current: RpcClient | null = null;
  private ready = false;
  private stopping = false;
  private timers: NodeJS.Timeout[] = [];
  private readyWaiters: ((client: RpcClient) => void)[] = [];
  private permission: { problem: PermissionProblem; text: string } | null = null;
  private statusValue: AccountStatus;
  private capabilitiesValue: ImsgCapabilities = LEGACY_CAPABILITIES;
  /** Whether this imsg can run rpc at all; an early death of the first child waits for the answer. */
  private readonly rpcCheck: RpcSupportCheck;
  private stderrValue: StderrLine | undefined;

  constructor(options: SupervisorOptions) {
    this.options = options;
    this.backoff = options.backoff ?? new Backoff();
    this.statusValue = { state: "stopped", accountId: options.accountId };
    this.rpcCheck = new RpcSupportCheck(() =>
      probeRpcSupport(options.link.command, {
        ...(options.env ? { env: options.env } : {}),
        timeoutMs: IMSG_TIMEOUTS.rpcProbeMs,
      }),
    );
  }

  get status(): AccountStatus {
    return this.statusValue;
  }

  /** What the current (or last) child said it can do. */
  get capabilities(): ImsgCapabilities {
    return this.capabilitiesValue;
  }

  /** The last line the current (or last) child wrote on stderr, emails and phone numbers left out. */
  get lastStderr(): StderrLine | undefined {
    return this.stderrValue;
  }

  /** The child, when it is connected and subscribed. */
  get client(): RpcClient | null {
    return this.ready ? this.current : null;
  }

  start(): void {
    this.stopping = false;
    this.rpcCheck.beginStart((support) => this.onStartProbe(support));
    void this.launch();
  }

  /** Waits until a connected child is available (after a restart, a wake, a permission grant). */
  whenReady(): Promise<RpcClient> {
    const client = this.client;
    if (client) return Promise.resolve(client);
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** After sleep or a network change: check the child now instead of waiting for the next ping. */
  resume(): void {
    if (this.stopping) return;
    if (!this.current?.alive) {
      this.clearTimers();
      void this.launch();
      return;
    }
    void this.ping();
  }

  /**
   * Reads work but sends are refused for a permission (Automation denied,
   * -1743): the child is fine, the account is not. Reported until a send
   * goes through again.
   */
  reportSendPermission(problem: PermissionProblem, text: string): void {
    if (!this.ready || this.statusValue.state === "needs-permission") return;
    this.needsPermission("imsg cannot send: it needs a permission", problem, text);
  }

  /** A send went through: a permission reported by an earlier send has been granted. */
  sendSucceeded(): void {
    if (!this.ready || this.statusValue.state !== "needs-permission") return;
    this.options.log.info("imsg can send again");
    this.setStatus({ state: "ready", accountId: this.options.accountId, since: new Date().toISOString() });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.clearTimers();
    this.ready = false;
    const client = this.current;
    this.current = null;
    await client?.close();
    this.setStatus({ state: "stopped", accountId: this.options.accountId });
  }

  private async launch(): Promise<void> {
    if (this.stopping || this.rpcCheck.busy) return;
    this.permission = null;
    // Asking a too-old imsg again is not a start: the state stays put until it has rpc.
    const rechecking = this.statusValue.state === "needs-upgrade";
    if (!rechecking) this.setStatus({ state: "starting", accountId: this.options.accountId });
    const log = this.options.log;
    const support = await this.rpcCheck.beforeLaunch();
    if (support) {
      if (this.stopping || this.current) return;
      if (support.kind === "too-old") {
        this.reportTooOld(support);
        return;
      }
    }
    if (rechecking) this.setStatus({ state: "starting", accountId: this.options.accountId });
    this.stderrValue = undefined;
    const client: RpcClient = startImsgRpc(this.options.link, {
      ...(this.options.env ? { env: this.options.env } : {}),
      log,
      onNotification: (method, params) => this.options.onNotification(client, method, params),
      onStderr: (line) => {
        if (this.current !== client || line.trim() === "") return;
        this.stderrValue = {
          line: redactPeople(line.trim()).slice(0, QUOTED_MAX),
          at: new Date().toISOString(),
        };
        this.options.onStderr?.();
      },
      onGarbage: (line) => {
        // Old imsg prints SQLite's error, then a Full Disk Access banner whatever the cause: the first line decides.
        const problem = classifyPermissionText(line);
        if (problem) this.permission ??= { problem, text: line };
      },
      onExit: (info) =>
        this.handleExit(
          client,
          info.error
            ? describeSpawnError(this.options.link.command, info.error)
            : `exit ${info.signal ?? info.code}`,
        ),
    });
    this.current = client;
    try {
      this.capabilitiesValue = await handshake(
        client,
        this.options.startupTimeoutMs?.() ?? IMSG_TIMEOUTS.slowReadMs,
      );
      if (this.current !== client || this.stopping) return;
      this.rpcCheck.handshakeDone();
      // Usable for requests from here, so replies to a long backlog go out while the watch catches
      // up; the account is called ready only once it watches, when new messages are sure to be seen.
      this.usable(client);
      await this.options.onConnected(client);
    } catch (error) {
      if (this.current !== client || this.stopping) return;
      this.failStart(client, error as Error);
      return;
    }
    if (this.current !== client || this.stopping) return;
    this.setStatus({ state: "ready", accountId: this.options.accountId, since: new Date().toISOString() });
    this.options.log.info("imsg connected", {
      pid: client.pid,
      version: this.capabilitiesValue.version,
      protocol: this.capabilitiesValue.protocol,
    });
    this.backoff.connected();
    this.scheduleHealth();
  }

  private usable(client: RpcClient): void {
    this.ready = true;
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const resolve of waiters) resolve(client);
  }

  private failStart(client: RpcClient, error: Error): void {
    const problem =
      (error instanceof RpcFailure ? error.permission : classifyPermissionText(error.message)) ??
      this.permission?.problem;
    this.current = null;
    this.ready = false;
    this.rpcCheck.askBeforeNextLaunch();
    client.kill();
    if (problem) {
      this.reportPermission(problem, error.message);
      return;
    }
    this.afterEarlyDeath(() => this.retryLater(error.message));
  }

  private handleExit(client: RpcClient, reason: string): void {
    if (this.current !== client || this.stopping) return;
    // A child that never got through its handshake may be an imsg that cannot run rpc at all.
    const early = !this.ready;
    if (early) this.rpcCheck.askBeforeNextLaunch();
    this.current = null;
    this.ready = false;
    this.clearTimers();
    if (this.permission) {
      this.reportPermission(this.permission.problem, this.permission.text);
      return;
    }
    const restart = () => {
      this.options.log.warn("imsg stopped; restarting", { reason, stderr: this.stderrValue?.line });
      this.retryLater(reason);
    };
    if (early) this.afterEarlyDeath(restart);
    else restart();
  }

  /** The answer at start says too old while the first child still shakes hands: that child cannot work. */
  private onStartProbe(support: RpcSupport): void {
    const client = this.current;
    if (support.kind !== "too-old" || this.stopping || !client || this.ready) return;
    this.current = null;
    client.kill();
    this.reportTooOld(support);
  }

  /** A first child that died before its handshake: too old is said once the start's probe answers. */
  private afterEarlyDeath(retry: () => void): void {
    const pending = this.rpcCheck.pendingStartAnswer;
    if (!pending) {
      retry();
      return;
    }
    void pending.then((support) => {
      if (this.stopping || this.current) return;
      if (support.kind === "too-old") this.reportTooOld(support);
      else retry();
    });
  }

  /** Permission problems need the user, not a hot loop: retry slowly in case they grant it. */
  private reportPermission(problem: PermissionProblem, text: string): void {
    this.needsPermission("imsg needs a permission", problem, text);
    this.schedule(() => void this.launch(), IMSG_TIMEOUTS.permissionRetryMs);
  }

  /** Only a newer imsg helps: ask again slowly, so replacing the binary is picked up without a restart. */
  private reportTooOld(support: Extract<RpcSupport, { kind: "too-old" }>): void {
    // Asked again before each later start: only a newer imsg can get past this.
    this.rpcCheck.askBeforeNextLaunch();
    const { lastError, fix } = tooOldWords(support, IMSG_TIMEOUTS.upgradeRetryMs);
    if (this.statusValue.state !== "needs-upgrade" || this.statusValue.lastError !== lastError) {
      this.options.log.error("imsg is too old for rpc", {
        command: this.options.link.command,
        said: support.evidence,
        fix,
      });
    }
    this.setStatus({ state: "needs-upgrade", accountId: this.options.accountId, fix, lastError });
    this.schedule(() => void this.launch(), IMSG_TIMEOUTS.upgradeRetryMs);
  }

  private needsPermission(message: string, problem: PermissionProblem, text: string): void {
    this.options.log.error(message, { permission: problem, fix: permissionFixes[problem] });
    this.setStatus(needsPermissionStatus(this.options.accountId, problem, text));
  }

  private retryLater(lastError: string): void {
    const delay = this.backoff.next();
    this.setStatus(backoffStatus(this.options.accountId, delay, lastError));
    this.schedule(() => void this.launch(), delay);
  }

  private scheduleHealth(): void {
    const interval = this.options.healthIntervalMs ?? IMSG_TIMEOUTS.healthIntervalMs;
    this.schedule(async () => {
      await this.ping();
      if (this.ready) this.scheduleHealth();
    }, interval);
  }

  private async ping(): Promise<void> {
    const client = this.current;
    if (!client) return;
    const healthy = await pingImsg(client, {
      timeoutMs: this.options.healthTimeoutMs ?? IMSG_TIMEOUTS.healthPingMs,
      isCurrent: () => this.current === client,
      log: this.options.log,
    });
    if (!healthy) return;
    await this.options
      .onHealthy?.(client)
      .catch((error: Error) =>
        this.options.log.debug("a check after the health ping failed", { error: error.message }),
      );
  }

  private setStatus(status: AccountStatus): void {
    this.statusValue = status;
    this.options.onStatus(status);
  }

  private schedule(task: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers = this.timers.filter((item) => item !== timer);
      task();
    }, ms);
    this.timers.push(timer);
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }
}
