import { PairingStores } from "../access/pairing-stores.ts";
import type { Agent } from "../agent/agent.ts";
import type { AgentStatus } from "../agent/agent-status.ts";
import { AccountChannel } from "../channel/account-channel.ts";
import type { TurnGate } from "../channel/turn-hooks.ts";
import type { ConfigCommand } from "../channel/turn-runner.ts";
import { findChatEditProblem } from "../config/chat-editable-keys.ts";
import { type ConfigError, describeConfigError } from "../config/config-errors.ts";
import { type ConfigLoadResult, editConfigFile } from "../config/config-file.ts";
import { ConfigSource } from "../config/config-source.ts";
import { parseConfigValueText } from "../config/config-value-text.ts";
import { type ResolvedAccount, resolveAccounts } from "../config/resolve-accounts.ts";
import type { PinchConfig } from "../config/schema.ts";
import { showConfig } from "../config/show-config.ts";
import type { CoreContext } from "../core-context.ts";
import type { AccountStatus } from "../imsg/account-status.ts";
import type { GatewayEvent } from "./gateway-events.ts";
import { claimStateDir } from "./state-dir-lock.ts";
import { removeStatusFile, writeStatusFile } from "./status-file.ts";

export interface GatewayParts {
  agent: Agent;
  /** Asked before the agent on every turn (the app's "Pause replies"). */
  gates?: readonly TurnGate[];
  /** The config as the host follows it; the gateway opens (and closes) its own when none is given. */
  config?: ConfigSource;
  /** Shared with the host, so an approval there is seen here at once. */
  pairing?: PairingStores;
  onEvent?: (event: GatewayEvent) => void;
}

export class GatewayStartError extends Error {
  readonly exitCode: 1 | 2;
  constructor(message: string, exitCode: 1 | 2) {
    super(message);
    this.name = "GatewayStartError";
    this.exitCode = exitCode;
  }
}

/**
 * The whole iMessage side of Pinch: every enabled account's channel, the
 * config file they read (reloaded live), and the state directory they share.
 * Hosted by the menu-bar app and by `pinch gateway` alike.
 */
export class Gateway {
  private readonly context: CoreContext;
  private readonly parts: GatewayParts;
  private readonly source: ConfigSource;
  private readonly ownsSource: boolean;
  private readonly pairing: PairingStores;
  private readonly channels = new Map<string, AccountChannel>();
  private readonly everReady = new Set<string>();
  /** Config warnings already logged: a reload repeats only what is new. */
  private readonly warned = new Set<string>();
  private stopWatching: () => void = () => undefined;
  private release: () => void = () => undefined;
  private readyAnnounced = false;
  private readyWaiters: (() => void)[] = [];
  private readonly startedAt = new Date().toISOString();
  private stopped = false;
  private publishing = false;

  private constructor(context: CoreContext, parts: GatewayParts, source: ConfigSource) {
    this.context = context;
    this.parts = parts;
    this.source = source;
    this.ownsSource = parts.config === undefined;
    this.pairing = parts.pairing ?? new PairingStores(context.stateDir, context.log);
  }

  static async start(context: CoreContext, parts: GatewayParts): Promise<Gateway> {
    const { log } = context;
    const source =
      parts.config ??
      (await ConfigSource.open(context.configPath, {
        onWatchError: (error) => log.warn("stopped watching the config file", { error: error.message }),
      }));
    const loaded = source.current();
    if (!loaded.ok) {
      if (!parts.config) source.close();
      const lines = loaded.errors.map((error) => `  ${describeConfigError(error)}`).join("\n");
      throw new GatewayStartError(`config ${context.configPath} is invalid:\n${lines}`, 2);
    }
    const claim = claimStateDir(context.stateDir);
    if (!claim.ok) {
      if (!parts.config) source.close();
      throw new GatewayStartError(
        `another Pinch gateway (pid ${claim.pid}) is already running on ${context.stateDir}`,
        1,
      );
    }
    const gateway = new Gateway(context, parts, source);
    gateway.release = claim.release;
    gateway.warnAbout(loaded.warnings);
    parts.agent.watchStatus?.((status) => {
      gateway.publishStatuses();
      parts.onEvent?.({ type: "agent-status", status });
    });
    gateway.reconcile(loaded.config);
    gateway.stopWatching = source.subscribe((result) => gateway.onConfigChange(result));
    return gateway;
  }

  get accounts(): AccountChannel[] {
    return [...this.channels.values()];
  }

  account(id: string): AccountChannel | undefined {
    return this.channels.get(id);
  }

  statuses(): AccountStatus[] {
    return this.accounts.map((channel) => channel.status);
  }

  /** The model side's state (its last error included), when the agent reports one. */
  agentStatus(): AgentStatus | undefined {
    return this.parts.agent.status?.();
  }

  /** Resolves once every enabled account has been watching at least once. */
  whenReady(): Promise<void> {
    if (this.readyAnnounced) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** After sleep or a network change. */
  resume(): void {
    for (const channel of this.channels.values()) channel.resume();
  }

  async stop(): Promise<void> {
    this.stopWatching();
    if (this.ownsSource) this.source.close();
    await Promise.all(this.accounts.map((channel) => channel.stop()));
    this.channels.clear();
    this.stopped = true;
    removeStatusFile(this.context.stateDir);
    this.release();
  }

  private onConfigChange(result: ConfigLoadResult): void {
    if (!result.ok) {
      this.context.log.error("config change refused; still running the last valid config", {
        errors: result.errors.map(describeConfigError).join("; "),
      });
      return;
    }
    this.context.log.info("config reloaded");
    this.warnAbout(result.warnings);
    this.reconcile(result.config);
  }

  /** Starts, updates in place, or restarts each account so the running set matches the config. */
  private reconcile(config: PinchConfig): void {
    this.parts.agent.applyConfig?.(config);
    const wanted = new Map(
      resolveAccounts(config, { defaultRegion: this.context.defaultRegion })
        .filter((account) => account.enabled)
        .map((account) => [account.id, account]),
    );
    for (const [id, channel] of this.channels) {
      const next = wanted.get(id);
      if (!next || needsRestart(channel.settingsAccount, next)) {
        this.channels.delete(id);
        this.everReady.delete(id);
        void channel.stop();
      }
    }
    for (const [id, account] of wanted) {
      const existing = this.channels.get(id);
      if (existing) {
        existing.update({ account, config });
        continue;
      }
      const channel = new AccountChannel({ account, config }, this.context, {
        agent: this.parts.agent,
        gates: this.parts.gates ?? [],
        pairing: this.pairing.get(id),
        runConfigCommand: (command) => this.runConfigCommand(command),
        onEvent: (event) => this.onChannelEvent(event),
      });
      this.channels.set(id, channel);
      channel.start();
    }
    this.publishStatuses();
    this.checkReady();
  }

  private warnAbout(warnings: readonly ConfigError[]): void {
    for (const warning of warnings) {
      const text = describeConfigError(warning);
      if (this.warned.has(text)) continue;
      this.warned.add(text);
      this.context.log.warn("config", { warning: text });
    }
  }

  private onChannelEvent(event: GatewayEvent): void {
    if (event.type === "status") this.onStatus(event.status);
    this.parts.onEvent?.(event);
  }

  private onStatus(status: AccountStatus): void {
    if (status.state === "ready") this.everReady.add(status.accountId);
    this.publishSoon();
    this.checkReady();
  }

  /** Many changes in one moment (a backlog of stale rows) make one write of the status file. */
  private publishSoon(): void {
    if (this.publishing) return;
    this.publishing = true;
    setImmediate(() => {
      this.publishing = false;
      this.publishStatuses();
    });
  }

  /** `pinch status` reads this file; a failed write is logged, never fatal to the gateway. */
  private publishStatuses(): void {
    if (this.stopped) return;
    try {
      writeStatusFile(this.context.stateDir, {
        version: 1,
        pid: process.pid,
        startedAt: this.startedAt,
        updatedAt: new Date().toISOString(),
        accounts: this.accounts.map((channel) => channel.report()),
        ...(this.parts.agent.status ? { agent: this.parts.agent.status() } : {}),
      });
    } catch (error) {
      this.context.log.warn("could not publish the account statuses", { error: (error as Error).message });
    }
  }

  private checkReady(): void {
    if (this.readyAnnounced) return;
    if ([...this.channels.keys()].some((id) => !this.everReady.has(id))) return;
    this.readyAnnounced = true;
    this.context.log.info("ready", { accounts: [...this.channels.keys()].join(",") || "none" });
    for (const resolve of this.readyWaiters) resolve();
    this.readyWaiters = [];
  }

  /**
   * `/config` from an owner's chat. `show` reads the running config file, redacted; `set|unset`
   * read the typed text as a value, then make one transaction of the config file (validated,
   * written atomically), applied at once. Only the keys chat may change are accepted.
   */
  private async runConfigCommand(command: ConfigCommand): Promise<string> {
    if (command.name === "config-show")
      return showConfig(this.source.lastValid()?.raw ?? {}, command.keyPath);
    const { keyPath } = command;
    const result = await editConfigFile(
      this.context.configPath,
      [
        command.name === "config-set"
          ? { kind: "set", keyPath, value: parseConfigValueText(command.value) }
          : { kind: "unset", keyPath },
      ],
      { check: findChatEditProblem },
    );
    if (!result.ok) return `Not changed: ${result.errors.map(describeConfigError).join("; ")}`;
    this.source.accept(result);
    return command.name === "config-set" ? `Set ${command.keyPath}.` : `Removed ${command.keyPath}.`;
  }
}

/** Changing how imsg is reached needs a new child; everything else applies in place. */
function needsRestart(current: ResolvedAccount, next: ResolvedAccount): boolean {
  return current.cliPath !== next.cliPath || current.dbPath !== next.dbPath;
}
