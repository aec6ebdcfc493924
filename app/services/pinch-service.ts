/**
 * The window's service: the gateway core (through CoreHost), the handlers of every contract
 * channel, and the events pushed to the window as the core changes. Electron's ipcMain (main/) and
 * the WebSocket bridge (app/ipc/ws-bridge.ts) both serve this same object.
 */
import type { Agent } from "../agent/agent.ts";
import type { TurnGate } from "../channel/turn-hooks.ts";
import { coreContext } from "../core-context.ts";
import { type ContractServer, serveContract } from "../ipc/contract-server.ts";
import { createLogger, type LogLevel, type LogSink } from "../log/logger.ts";
import { CoreHost } from "./core-host.ts";
import { createHandlers } from "./create-handlers.ts";
import { awayOverview } from "./handlers/away-handlers.ts";
import { configView } from "./handlers/config-handlers.ts";
import { pairingOverview } from "./handlers/pairing-handlers.ts";
import type { HostPorts } from "./host-ports.ts";
import { LogBuffer } from "./log-buffer.ts";
import type { ServiceDeps } from "./service-deps.ts";
import { WindowConfig } from "./window-config.ts";

export interface PinchServiceOptions {
  configPath: string;
  stateDir: string;
  agent: Agent;
  /** Asked before the agent on every turn (the app's "Pause replies"). */
  gates?: readonly TurnGate[];
  host: HostPorts;
  env?: NodeJS.ProcessEnv;
  /** Where the core's log lines go besides the window (the log file, stderr). */
  logSink?: LogSink;
  logLevel?: LogLevel | (() => LogLevel);
  watchDebounceMs?: number;
}

export interface PinchService extends ContractServer {
  /** Resolves once the gateway has started (or failed to, which `status.get` then reports). */
  ready: Promise<void>;
  /** After sleep or a network change: every account resubscribes from its cursor. */
  resume(): void;
  close(): Promise<void>;
}

export function createPinchService(options: PinchServiceOptions): PinchService {
  const logs = new LogBuffer(options.logSink ? { forward: options.logSink } : {});
  const context = coreContext({
    configPath: options.configPath,
    stateDir: options.stateDir,
    log: createLogger({ sink: logs, format: "json", level: options.logLevel ?? "info" }),
    env: options.env,
    watchDebounceMs: options.watchDebounceMs,
    defaultRegion: options.host.region,
  });
  let lastPairing = "";
  const pushPairing = async (): Promise<void> => {
    if (!hub.listening) return;
    const overview = await pairingOverview(deps);
    const text = JSON.stringify(overview);
    if (text === lastPairing) return;
    lastPairing = text;
    hub.emit("pairing.changed", overview);
  };
  const report = (error: unknown) =>
    context.log.warn("the window could not be updated", { error: (error as Error).message });
  const pushStatus = () => {
    if (hub.listening) void core.status().then((status) => hub.emit("status.changed", status), report);
  };
  const core = new CoreHost(
    context,
    {
      agent: options.agent,
      ...(options.gates ? { gates: options.gates } : {}),
      paused: () => options.host.getPrefs().pauseReplies,
    },
    {
      onStatus: pushStatus,
      // The overall status counts the waiting requests.
      onPairing: () => {
        void pushPairing().catch(report);
        pushStatus();
      },
      // The overall status counts the waiting messages.
      onAway: () => {
        if (hub.listening) void awayOverview(deps).then((view) => hub.emit("away.changed", view), report);
        pushStatus();
      },
      onConfig: () => {
        if (hub.listening)
          void configView(config.path, config.load(), context.defaultRegion).then(
            (view) => hub.emit("config.changed", view),
            report,
          );
        void pushPairing().catch(report);
      },
    },
  );
  const config = new WindowConfig(core);
  const pairingChanged = async () => {
    await pushPairing();
    pushStatus();
  };
  const deps: ServiceDeps = { core, config, logs, host: options.host, pairingChanged };
  const hub = serveContract(createHandlers(deps));
  const stopLogs = logs.subscribe((line) => hub.emit("log.line", line));
  // "Pause replies" changes what the status says, from the window or from the menu bar.
  const stopPrefs = options.host.subscribePrefs?.(pushStatus);
  return {
    ready: core.ensureStarted(),
    invoke: (channel, args) => hub.invoke(channel, args),
    subscribe: (listener) => hub.subscribe(listener),
    resume: () => core.resume(),
    async close() {
      stopLogs();
      stopPrefs?.();
      hub.close();
      await core.close();
    },
  };
}
