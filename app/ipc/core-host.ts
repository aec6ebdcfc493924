/**
 * The gateway core as the window's service sees it: starts the Gateway (and starts it again once
 * a config that failed becomes valid), keeps its log, answers who was replied to, and turns core
 * callbacks into the contract's events.
 */
import { PairingStore } from "../access/pairing-store.ts";
import type { Agent } from "../agent/agent.ts";
import type { TurnGate } from "../channel/turn-hooks.ts";
import { describeConfigError } from "../config/config-errors.ts";
import { type ConfigLoadResult, loadConfigFile } from "../config/config-file.ts";
import { resolveAccounts } from "../config/resolve-accounts.ts";
import { type ConfigWatcher, watchConfigFile } from "../config/watch-config.ts";
import { Gateway } from "../gateway/gateway.ts";
import type { GatewayEvent } from "../gateway/gateway-events.ts";
import type { AccountStatus } from "../imsg/account-status.ts";
import { createLogger, type Logger, type LogLevel, type LogSink } from "../log/logger.ts";
import { pairingStorePath } from "../state/state-paths.ts";
import type { AccountStatusView, GatewayStatus } from "./contract.ts";
import { LogBuffer } from "./log-buffer.ts";

export interface CoreOptions {
  configPath: string;
  stateDir: string;
  agent: Agent;
  /** Asked before the agent on every turn (the app's "Pause replies"). */
  gates?: readonly TurnGate[];
  env?: NodeJS.ProcessEnv;
  /** Where the core's log lines go besides the window (the log file, stderr). */
  logSink?: LogSink;
  logLevel?: LogLevel | (() => LogLevel);
  watchDebounceMs?: number;
}

export type AnsweredTurn = Omit<Extract<GatewayEvent, { type: "turn-answered" }>, "type">;

export interface CoreEvents {
  onStatus(): void;
  onPairing(): void;
  onConfig(result: ConfigLoadResult): void;
}

const MAX_TURNS = 200;

export class CoreHost {
  readonly options: CoreOptions;
  readonly logs: LogBuffer;
  readonly log: Logger;
  private gateway: Gateway | null = null;
  private starting: Promise<void> | null = null;
  private problem: string | undefined;
  private readonly turns: AnsweredTurn[] = [];
  private readonly pairingStores = new Map<string, PairingStore>();
  private readonly watcher: ConfigWatcher;
  private readonly events: CoreEvents;
  private closed = false;

  constructor(options: CoreOptions, events: CoreEvents) {
    this.options = options;
    this.events = events;
    this.logs = new LogBuffer(options.logSink ? { forward: options.logSink } : {});
    this.log = createLogger({ sink: this.logs, format: "json", level: options.logLevel ?? "info" });
    this.watcher = watchConfigFile(options.configPath, (result) => this.onConfigChange(result), {
      onError: (error) =>
        this.log.warn("the window stopped watching the config file", { error: error.message }),
    });
  }

  /** Starts the gateway unless it runs; a failure is kept as the status's `problem`. */
  ensureStarted(): Promise<void> {
    if (this.gateway || this.closed) return Promise.resolve();
    this.starting ??= this.start().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  async status(): Promise<GatewayStatus> {
    const loaded = await loadConfigFile(this.options.configPath);
    const accounts = loaded.ok && loaded.config.channels?.imessage ? resolveAccounts(loaded.config) : [];
    const live = new Map((this.gateway?.statuses() ?? []).map((status) => [status.accountId, status]));
    const agent = this.gateway?.agentStatus();
    return {
      running: this.gateway !== null,
      ...(this.problem === undefined ? {} : { problem: this.problem }),
      ...(agent ? { agent } : {}),
      configPath: this.options.configPath,
      accounts: accounts.map((account) => {
        const name = account.name === undefined ? {} : { name: account.name };
        const status = live.get(account.id);
        if (!account.enabled) return { id: account.id, ...name, state: "stopped", detail: "Turned off" };
        if (!status) {
          return { id: account.id, ...name, state: "stopped", detail: this.problem ?? "Not started yet" };
        }
        return { ...name, ...viewOfStatus(status) };
      }),
    };
  }

  pairingStore(accountId: string): PairingStore {
    let store = this.pairingStores.get(accountId);
    if (!store) {
      store = new PairingStore(pairingStorePath(this.options.stateDir, accountId));
      this.pairingStores.set(accountId, store);
    }
    return store;
  }

  /** DM and group turns the agent answered, newest last (for the wizard's test-message step). */
  answeredSince(since: number): AnsweredTurn[] {
    return this.turns.filter((turn) => turn.at >= since);
  }

  /** After sleep or a network change (the host's power monitor). */
  resume(): void {
    this.gateway?.resume();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watcher.close();
    await this.starting;
    await this.gateway?.stop();
    this.gateway = null;
  }

  private async start(): Promise<void> {
    try {
      const gateway = await Gateway.start({
        configPath: this.options.configPath,
        stateDir: this.options.stateDir,
        agent: this.options.agent,
        gates: this.options.gates ?? [],
        log: this.log,
        ...(this.options.env ? { env: this.options.env } : {}),
        ...(this.options.watchDebounceMs === undefined
          ? {}
          : { watchDebounceMs: this.options.watchDebounceMs }),
        onEvent: (event) => {
          if (event.type === "turn-answered") this.noteAnswered(event);
          else if (event.type === "status" || event.type === "agent-status") this.events.onStatus();
          else this.events.onPairing();
        },
      });
      if (this.closed) {
        await gateway.stop();
        return;
      }
      this.gateway = gateway;
      this.problem = undefined;
    } catch (error) {
      this.problem = (error as Error).message;
      this.log.error("the gateway could not start", { error: this.problem });
    }
    this.events.onStatus();
  }

  private onConfigChange(result: ConfigLoadResult): void {
    if (result.ok) {
      if (!this.gateway) void this.ensureStarted();
    } else {
      this.log.warn("the config file has errors", {
        errors: result.errors.map(describeConfigError).join("; "),
      });
    }
    this.events.onConfig(result);
    this.events.onStatus();
  }

  private noteAnswered(turn: AnsweredTurn): void {
    this.turns.push(turn);
    if (this.turns.length > MAX_TURNS) this.turns.shift();
  }
}

function viewOfStatus(status: AccountStatus): AccountStatusView {
  const id = status.accountId;
  switch (status.state) {
    case "starting":
      return { id, state: "starting", ...(status.detail ? { detail: status.detail } : {}) };
    case "ready":
      return { id, state: "ready", detail: `Watching for new messages since ${clockTime(status.since)}` };
    case "backoff":
      return { id, state: "backoff", detail: `${status.lastError}; retrying at ${status.retryAt}` };
    case "stopped":
      return { id, state: "stopped", ...(status.reason ? { detail: status.reason } : {}) };
    case "needs-permission":
      return { id, state: "needs-permission", detail: status.lastError, fix: status.fix };
  }
}

/** `2026-11-25T16:59:05.590Z` → `16:59 UTC`: the window shows when, not the full timestamp. */
function clockTime(iso: string): string {
  const match = /T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} UTC` : iso;
}
