/**
 * The gateway core as the window's service sees it: starts the Gateway (and starts it again once
 * a config that failed becomes valid), follows the config through the one source it shares with
 * the gateway, answers who was replied to, and turns gateway events into the contract's events.
 */
import type { PairingStore } from "../access/pairing-store.ts";
import { PairingStores } from "../access/pairing-stores.ts";
import type { Agent } from "../agent/agent.ts";
import { resolveModelChain } from "../agent/model-config.ts";
import type { AccountChannel } from "../channel/account-channel.ts";
import type { AwayMessages } from "../channel/away-messages.ts";
import type { TurnGate } from "../channel/turn-hooks.ts";
import { describeConfigError } from "../config/config-errors.ts";
import type { ConfigLoadResult } from "../config/config-file.ts";
import { ConfigSource, type ValidConfig } from "../config/config-source.ts";
import { resolveAccounts } from "../config/resolve-accounts.ts";
import { resolveDefaultAgentId } from "../config/resolve-agent.ts";
import type { PinchConfig } from "../config/schema.ts";
import type { CoreContext } from "../core-context.ts";
import { Gateway } from "../gateway/gateway.ts";
import type { GatewayEvent } from "../gateway/gateway-events.ts";
import type { AccountStatusView, GatewayStatus } from "../ipc/view-schemas.ts";
import type { Logger } from "../log/logger.ts";
import { usageSummaryOf } from "../usage/read-usage-summary.ts";
import { viewOfReport } from "./account-status-view.ts";
import { deriveOverallStatus } from "./overall-status.ts";

export interface CoreParts {
  agent: Agent;
  /** Asked before the agent on every turn (the app's "Pause replies"). */
  gates?: readonly TurnGate[];
  /** Whether the user paused replies, for the overall status. */
  paused?: () => boolean;
}

export type AnsweredTurn = Omit<Extract<GatewayEvent, { type: "turn-answered" }>, "type">;
export type UnlistedSender = Omit<Extract<GatewayEvent, { type: "sender-not-listed" }>, "type">;

export interface CoreEvents {
  onStatus(): void;
  onPairing(): void;
  /** The messages kept from while Pinch was away changed. */
  onAway(): void;
  onConfig(result: ConfigLoadResult): void;
}

const MAX_KEPT = 200;

export class CoreHost {
  readonly context: CoreContext;
  readonly pairing: PairingStores;
  private readonly parts: CoreParts;
  private readonly source: Promise<ConfigSource>;
  private gateway: Gateway | null = null;
  private starting: Promise<void> | null = null;
  private problem: string | undefined;
  private readonly turns: AnsweredTurn[] = [];
  private readonly unlisted: UnlistedSender[] = [];
  private readonly events: CoreEvents;
  private closed = false;

  constructor(context: CoreContext, parts: CoreParts, events: CoreEvents) {
    this.context = context;
    this.parts = parts;
    this.events = events;
    this.pairing = new PairingStores(context.stateDir, context.log);
    this.source = ConfigSource.open(context.configPath, {
      onWatchError: (error) => context.log.warn("stopped watching the config file", { error: error.message }),
    }).then((source) => {
      source.subscribe((result) => this.onConfigChange(result));
      return source;
    });
  }

  get log(): Logger {
    return this.context.log;
  }

  /** The config file as last read (its errors, when it has some now). */
  async config(): Promise<ConfigLoadResult> {
    return (await this.source).current();
  }

  /** A write of this process landed: the gateway and the window apply it now. */
  async configWritten(result: ValidConfig): Promise<void> {
    (await this.source).accept(result);
    await this.ensureStarted();
  }

  pairingStore(accountId: string): PairingStore {
    return this.pairing.get(accountId);
  }

  /** The accounts the gateway runs now (none while it is stopped). */
  runningAccounts(): readonly AccountChannel[] {
    return this.gateway?.accounts ?? [];
  }

  /** Starts the gateway unless it runs; a failure is kept as the status's `problem`. */
  ensureStarted(): Promise<void> {
    if (this.gateway || this.closed) return Promise.resolve();
    this.starting ??= this.start().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  /** The messages kept from while Pinch was away, per running account. */
  awayAccounts(): { accountId: string; away: AwayMessages }[] {
    return (this.gateway?.accounts ?? []).map((channel) => ({
      accountId: channel.accountId,
      away: channel.away,
    }));
  }

  awayOf(accountId: string): AwayMessages | undefined {
    return this.gateway?.accounts.find((channel) => channel.accountId === accountId)?.away;
  }

  async status(): Promise<GatewayStatus> {
    const loaded = await this.config();
    const accounts =
      loaded.ok && loaded.config.channels?.imessage
        ? resolveAccounts(loaded.config, { defaultRegion: this.context.defaultRegion })
        : [];
    const live = new Map(
      (this.gateway?.accounts ?? []).map((channel) => [channel.accountId, channel.report()] as const),
    );
    const agent = this.gateway?.agentStatus();
    const model = loaded.ok ? modelInUse(loaded.config) : undefined;
    const usage = usageSummaryOf(
      this.context.stateDir,
      loaded.ok ? loaded.config.models?.prices : undefined,
      new Date(),
    );
    const running = this.gateway !== null;
    const views = accounts.map((account): AccountStatusView => {
      const name = account.name === undefined ? {} : { name: account.name };
      const report = live.get(account.id);
      if (!account.enabled) return { id: account.id, ...name, state: "stopped", detail: "Turned off" };
      if (!report) {
        return { id: account.id, ...name, state: "stopped", detail: this.problem ?? "Not started yet" };
      }
      return { ...name, ...viewOfReport(report) };
    });
    const enabled = views.filter((_view, index) => accounts[index]?.enabled);
    const pendingRequests = accounts.reduce(
      (sum, account) => sum + this.pairing.get(account.id).read().requests.length,
      0,
    );
    return {
      running,
      ...(this.problem === undefined ? {} : { problem: this.problem }),
      ...(agent ? { agent } : {}),
      ...(model ? { model } : {}),
      ...(usage ? { usage } : {}),
      configPath: this.context.configPath,
      accounts: views,
      overall: deriveOverallStatus({
        running,
        problem: this.problem,
        // A turned-off account is the user's choice, not a problem to report, unless every one is off.
        accounts: enabled.length > 0 ? enabled : views,
        agent,
        paused: this.parts.paused?.() ?? false,
        pendingRequests,
        model: model?.ref,
        awayMessages: this.awayAccounts().reduce((sum, { away }) => sum + away.entries.length, 0),
      }),
    };
  }

  /** DM and group turns the agent answered, newest last (for the wizard's test-message step). */
  answeredSince(since: number): AnsweredTurn[] {
    return this.turns.filter((turn) => turn.at >= since);
  }

  /** Direct messages from senders not on the list since `since`, newest last (the wizard offers to add them). */
  unlistedSince(since: number): UnlistedSender[] {
    return this.unlisted.filter((sender) => sender.at >= since);
  }

  /** After sleep or a network change (the host's power monitor). */
  resume(): void {
    this.gateway?.resume();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.starting;
    await this.gateway?.stop();
    this.gateway = null;
    (await this.source).close();
  }

  private async start(): Promise<void> {
    try {
      const gateway = await Gateway.start(this.context, {
        agent: this.parts.agent,
        gates: this.parts.gates ?? [],
        config: await this.source,
        pairing: this.pairing,
        onEvent: (event) => this.onGatewayEvent(event),
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

  private onGatewayEvent(event: GatewayEvent): void {
    switch (event.type) {
      case "turn-answered":
        this.keep(this.turns, {
          accountId: event.accountId,
          sender: event.sender,
          isGroup: event.isGroup,
          at: event.at,
        });
        // The window's token count moves with every answer.
        this.events.onStatus();
        break;
      case "sender-not-listed":
        this.keep(this.unlisted, { accountId: event.accountId, sender: event.sender, at: event.at });
        break;
      case "away-changed":
        this.events.onAway();
        break;
      case "status":
      case "agent-status":
        this.events.onStatus();
        break;
      default:
        this.events.onPairing();
    }
  }

  private keep<T>(list: T[], entry: T): void {
    list.push(entry);
    if (list.length > MAX_KEPT) list.shift();
  }
}

/** The default agent's models as configured (`provider/model`), or undefined while none is set up. */
function modelInUse(config: PinchConfig): { ref: string; fallbacks: string[] } | undefined {
  const chain = resolveModelChain(config, resolveDefaultAgentId(config));
  if (chain.kind !== "models") return undefined;
  const [primary, ...fallbacks] = chain.models.map((model) => model.ref);
  return primary ? { ref: primary, fallbacks } : undefined;
}
