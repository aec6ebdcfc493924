/**
 * The core side of the window's contract: one `invoke` that checks the channel and its arguments,
 * runs the handler and always answers an IpcResult, and one `subscribe` for the pushed events.
 * Electron's ipcMain (main/) and the WebSocket bridge (ws-bridge.ts) both serve this same object.
 */

import type { Agent } from "../agent/agent.ts";
import type { TurnGate } from "../channel/turn-hooks.ts";
import { formatKeyPath } from "../config/key-path.ts";
import { coreContext } from "../core-context.ts";
import { createLogger, type LogLevel, type LogSink } from "../log/logger.ts";
import { type EventChannel, type InvokeChannel, isInvokeChannel } from "./channels.ts";
import {
  type EventPayload,
  type InvokeData,
  type InvokeParsedArgs,
  invokeContract,
  type Prefs,
} from "./contract.ts";
import { CoreHost } from "./core-host.ts";
import { fail, type IpcResult } from "./ipc-result.ts";
import { LogBuffer } from "./log-buffer.ts";
import { ServiceFailure } from "./service-failure.ts";
import { createHandlers } from "./service-handlers.ts";

export { ServiceFailure };

/** What only the host can do: Electron in the app, plain Node in the browser harness. */
export interface HostPorts {
  /** Opens one of the System Settings URLs of settings-links.ts; resolves false when it could not. */
  openExternal(url: string): Promise<boolean>;
  /** Shows a file in its default editor (the config file). */
  openPath(path: string): Promise<void>;
  /** App preferences; setting `startAtLogin` also registers the login item. */
  getPrefs(): Prefs;
  setPrefs(patch: Partial<Prefs>): Prefs;
  /** The keychain (in the app): model keys are stored here and named in the config as `keychain:NAME`. */
  secrets?: { set(name: string, value: string): Promise<void>; resolve(ref: string): Promise<string> };
  /** Versions for diagnostics (`app`, `electron`, `node`, `imsg`…). */
  versions?: Record<string, string>;
}

export interface PinchServicePorts {
  configPath: string;
  stateDir: string;
  agent: Agent;
  /** Asked before the agent on every turn (the app's "Pause replies"). */
  gates?: readonly TurnGate[];
  host: HostPorts;
  env?: NodeJS.ProcessEnv;
  logSink?: LogSink;
  logLevel?: LogLevel | (() => LogLevel);
  watchDebounceMs?: number;
}

export type ServiceListener = (channel: EventChannel, payload: unknown) => void;

export interface PinchService {
  invoke(channel: string, args: unknown): Promise<IpcResult<unknown>>;
  subscribe(listener: ServiceListener): () => void;
  /** Resolves once the gateway has started (or failed to, which `status.get` then reports). */
  ready: Promise<void>;
  /** After sleep or a network change: every account resubscribes from its cursor. */
  resume(): void;
  close(): Promise<void>;
}

export type Handlers = {
  [C in InvokeChannel]: (args: InvokeParsedArgs<C>) => Promise<InvokeData<C>>;
};

export function createPinchService(ports: PinchServicePorts): PinchService {
  const listeners = new Set<ServiceListener>();
  const emit = <C extends EventChannel>(channel: C, payload: EventPayload<C>): void => {
    for (const listener of listeners) listener(channel, payload);
  };

  let handlers: Handlers | undefined;
  let lastPairing = "";
  const pushPairing = async (): Promise<void> => {
    if (!handlers || listeners.size === 0) return;
    const overview = await handlers["pairing.list"]({});
    const text = JSON.stringify(overview);
    if (text === lastPairing) return;
    lastPairing = text;
    emit("pairing.changed", overview);
  };
  const pushStatus = async (): Promise<void> => {
    if (listeners.size > 0) emit("status.changed", await core.status());
  };
  const report = (error: unknown) =>
    core.log.warn("the window could not be updated", { error: (error as Error).message });

  const logs = new LogBuffer(ports.logSink ? { forward: ports.logSink } : {});
  const context = coreContext({
    configPath: ports.configPath,
    stateDir: ports.stateDir,
    log: createLogger({ sink: logs, format: "json", level: ports.logLevel ?? "info" }),
    env: ports.env,
    watchDebounceMs: ports.watchDebounceMs,
  });
  const core = new CoreHost(
    context,
    { agent: ports.agent, ...(ports.gates ? { gates: ports.gates } : {}) },
    {
      onStatus: () => void pushStatus().catch(report),
      onPairing: () => void pushPairing().catch(report),
      onConfig: () => {
        if (handlers && listeners.size > 0)
          void handlers["config.get"]({}).then((view) => emit("config.changed", view), report);
        void pushPairing().catch(report);
      },
    },
  );
  handlers = createHandlers({ core, logs, host: ports.host, afterPairingChange: () => pushPairing() });
  const stopLogs = logs.subscribe((line) => emit("log.line", line));

  const bound = handlers;
  return {
    ready: core.ensureStarted(),
    async invoke(channel, args) {
      if (!isInvokeChannel(channel))
        return fail("unknown-channel", `There is no channel named "${String(channel)}".`);
      const contract = invokeContract[channel];
      const parsed = contract.args.safeParse(args ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue ? formatKeyPath(issue.path) : "";
        return fail(
          "invalid-args",
          `${field ? `${field}: ` : ""}${issue?.message ?? "invalid arguments"}`,
          field,
        );
      }
      try {
        const handler = bound[channel] as (value: unknown) => Promise<unknown>;
        const data = await handler(parsed.data);
        return { ok: true, data: contract.result.parse(data) };
      } catch (error) {
        if (error instanceof ServiceFailure) return fail(error.code, error.message, error.field);
        // Only the message crosses: a stack trace names files and lines of the user's machine.
        return fail("internal", error instanceof Error ? error.message : String(error));
      }
    },
    resume: () => core.resume(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      stopLogs();
      listeners.clear();
      await core.close();
    },
  };
}
