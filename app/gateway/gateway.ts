import type { PairingRequest } from "../access/pairing-store.ts";
import type { Agent } from "../agent/agent.ts";
import type { AgentStatus } from "../agent/agent-status.ts";
import { AccountChannel } from "../channel/account-channel.ts";
import type { ConfigCommand } from "../channel/turn-runner.ts";
import { describeConfigError } from "../config/config-errors.ts";
import { type ConfigLoadResult, editConfigFile, loadConfigFile } from "../config/config-file.ts";
import { parseConfigValueText } from "../config/config-value-text.ts";
import { type ResolvedAccount, resolveAccounts } from "../config/resolve-accounts.ts";
import type { PinchConfig } from "../config/schema.ts";
import { type ConfigWatcher, watchConfigFile } from "../config/watch-config.ts";
import type { AccountStatus } from "../imsg/account-status.ts";
import type { Logger } from "../log/logger.ts";
import { claimStateDir } from "./state-dir-lock.ts";
import { removeStatusFile, writeStatusFile } from "./status-file.ts";

export interface GatewayOptions {
  configPath: string;
  stateDir: string;
  agent: Agent;
  log: Logger;
  env?: NodeJS.ProcessEnv;
  watchDebounceMs?: number;
  onStatus?: (status: AccountStatus) => void;
  onPairingRequest?: (accountId: string, request: PairingRequest) => void;
  /** The model side started or stopped failing, or failed anew. */
  onAgentStatus?: (status: AgentStatus) => void;
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
  private readonly options: GatewayOptions;
  private readonly channels = new Map<string, AccountChannel>();
  private readonly everReady = new Set<string>();
  private config: PinchConfig;
  private watcher: ConfigWatcher | null = null;
  private release: () => void = () => undefined;
  private readyAnnounced = false;
  private readyWaiters: (() => void)[] = [];
  private readonly startedAt = new Date().toISOString();
  private stopped = false;

  private constructor(options: GatewayOptions, config: PinchConfig) {
    this.options = options;
    this.config = config;
  }

  static async start(options: GatewayOptions): Promise<Gateway> {
    const loaded = await loadConfigFile(options.configPath);
    if (!loaded.ok) {
      const lines = loaded.errors.map((error) => `  ${describeConfigError(error)}`).join("\n");
      throw new GatewayStartError(`config ${options.configPath} is invalid:\n${lines}`, 2);
    }
    const claim = claimStateDir(options.stateDir);
    if (!claim.ok) {
      throw new GatewayStartError(
        `another Pinch gateway (pid ${claim.pid}) is already running on ${options.stateDir}`,
        1,
      );
    }
    const gateway = new Gateway(options, loaded.config);
    gateway.release = claim.release;
    for (const warning of loaded.warnings)
      options.log.warn("config", { warning: describeConfigError(warning) });
    options.agent.watchStatus?.((status) => {
      gateway.publishStatuses();
      options.onAgentStatus?.(status);
    });
    gateway.reconcile(loaded.config);
    gateway.watcher = watchConfigFile(options.configPath, (result) => gateway.onConfigChange(result), {
      onError: (error) => options.log.warn("stopped watching the config file", { error: error.message }),
    });
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
    return this.options.agent.status?.();
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
    this.watcher?.close();
    await Promise.all(this.accounts.map((channel) => channel.stop()));
    this.channels.clear();
    this.stopped = true;
    removeStatusFile(this.options.stateDir);
    this.release();
  }

  private onConfigChange(result: ConfigLoadResult): void {
    if (!result.ok) {
      this.options.log.error("config change refused; still running the last valid config", {
        errors: result.errors.map(describeConfigError).join("; "),
      });
      return;
    }
    this.options.log.info("config reloaded");
    this.config = result.config;
    this.reconcile(result.config);
  }

  /** Starts, updates in place, or restarts each account so the running set matches the config. */
  private reconcile(config: PinchConfig): void {
    this.options.agent.applyConfig?.(config);
    const wanted = new Map(
      resolveAccounts(config)
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
      const channel = new AccountChannel(
        { account, config },
        {
          agent: this.options.agent,
          log: this.options.log,
          stateDir: this.options.stateDir,
          applyConfigCommand: (command) => this.applyConfigCommand(command),
          onStatus: (status) => this.onStatus(status),
          ...(this.options.onPairingRequest ? { onPairingRequest: this.options.onPairingRequest } : {}),
          ...(this.options.watchDebounceMs === undefined
            ? {}
            : { watchDebounceMs: this.options.watchDebounceMs }),
          ...(this.options.env ? { env: this.options.env } : {}),
        },
      );
      this.channels.set(id, channel);
      channel.start();
    }
    this.publishStatuses();
    this.checkReady();
  }

  private onStatus(status: AccountStatus): void {
    if (status.state === "ready") this.everReady.add(status.accountId);
    this.options.onStatus?.(status);
    this.publishStatuses();
    this.checkReady();
  }

  /** `pinch status` reads this file; a failed write is logged, never fatal to the gateway. */
  private publishStatuses(): void {
    if (this.stopped) return;
    try {
      writeStatusFile(this.options.stateDir, {
        version: 1,
        pid: process.pid,
        startedAt: this.startedAt,
        updatedAt: new Date().toISOString(),
        accounts: this.statuses(),
        ...(this.options.agent.status ? { agent: this.options.agent.status() } : {}),
      });
    } catch (error) {
      this.options.log.warn("could not publish the account statuses", { error: (error as Error).message });
    }
  }

  private checkReady(): void {
    if (this.readyAnnounced) return;
    if ([...this.channels.keys()].some((id) => !this.everReady.has(id))) return;
    this.readyAnnounced = true;
    this.options.log.info("ready", { accounts: [...this.channels.keys()].join(",") || "none" });
    for (const resolve of this.readyWaiters) resolve();
    this.readyWaiters = [];
  }

  /**
   * `/config set|unset` from an owner's chat: the typed text read as a value, then one transaction
   * of the config file (validated, written atomically), applied at once.
   */
  private async applyConfigCommand(command: ConfigCommand): Promise<string> {
    const { keyPath } = command;
    const result = await editConfigFile(this.options.configPath, [
      command.name === "config-set"
        ? { kind: "set", keyPath, value: parseConfigValueText(command.value) }
        : { kind: "unset", keyPath },
    ]);
    if (!result.ok) return `Not changed: ${result.errors.map(describeConfigError).join("; ")}`;
    this.onConfigChange(result);
    return command.name === "config-set" ? `Set ${command.keyPath}.` : `Removed ${command.keyPath}.`;
  }
}

/** Changing how imsg is reached needs a new child; everything else applies in place. */
function needsRestart(current: ResolvedAccount, next: ResolvedAccount): boolean {
  return current.cliPath !== next.cliPath || current.dbPath !== next.dbPath;
}
