// The real gateway core behind the browser tests: a fresh simulator database, a config file, the
// service of app/ipc with the configured agent (echo until a model is set up, unless told otherwise), and the WebSocket bridge the page connects to.
// A stand-in `osascript` first on the core's PATH plays the macOS side of the permission checks.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import JSON5 from "json5";
import { createConfiguredAgent } from "../../app/agent/configured-agent.ts";
import { pausedGate } from "../../app/channel/turn-hooks.ts";
import { serviceClient } from "../../app/ipc/service-client.ts";
import { startWsBridge, type WsBridge } from "../../app/ipc/ws-bridge.ts";
import { silentLogger } from "../../app/log/logger.ts";
import { createNodeHostPorts, type RecordingHostPorts } from "../../app/services/node-host-ports.ts";
import { createPinchService, type PinchService } from "../../app/services/pinch-service.ts";
import { imsgShimPath, SimDb } from "../imsg-sim/sim-db.ts";
import {
  type AutomationAnswer,
  createFakeMacos,
  type FakeMacos,
  type GuardedDatabase,
  guardDatabase,
} from "../unit/setup/permissions/fake-macos.ts";

export interface CoreSetup {
  /** Keys merged into `channels.imessage` (cliPath and dbPath point at the simulator). */
  imessage?: Record<string, unknown>;
  /** Top-level config keys besides `channels`. */
  extra?: Record<string, unknown>;
  /** False opens the first-run wizard. */
  firstRunDone?: boolean;
  automation?: AutomationAnswer;
  /** Puts the account's database behind Full Disk Access the test switches (`core.fullDiskAccess`). */
  fullDiskAccess?: "granted" | "denied";
  /** False starts without waiting for the accounts to be watching (an imsg that is missing on purpose). */
  waitReady?: boolean;
  /** Extra environment for the simulated imsg (e.g. `LEGACY_IMSG_ENV` for an imsg before protocol 1). */
  imsgEnv?: Record<string, string>;
  /** Extra environment of the core itself (e.g. `OPENCLAW_STATE_DIR`). */
  env?: Record<string, string>;
  /**
   * The demo's echo while no model is set up (the default here: most tests read an echo as "answered").
   * False answers as the app does: only the owner, with a note to set up a model.
   */
  echo?: boolean;
  /** The Mac's region the host reports (the app reads it from its locale); unset: the core's US. */
  region?: string;
}

export interface CoreHarness {
  sim: SimDb;
  service: PinchService;
  bridge: WsBridge;
  host: RecordingHostPorts;
  macos: FakeMacos;
  /** Present when the setup asked for `fullDiskAccess`. */
  fullDiskAccess: GuardedDatabase | undefined;
  configPath: string;
  stateDir: string;
  readConfig(): Record<string, unknown>;
  /** Resolves with the text of the first message the gateway sends to `chatId` after `sinceRowid` that matches. */
  waitForSent(
    chatId: number,
    match: (text: string) => boolean,
    sinceRowid?: number,
    timeoutMs?: number,
  ): Promise<string>;
  /** How many log lines so far have this message (e.g. "config reloaded"). */
  logCount(message: string): Promise<number>;
  /** Waits until more than `count` log lines have this message: the gateway has applied a config change. */
  waitForLog(message: string, count: number, timeoutMs?: number): Promise<void>;
  /** Every text sent to `chatId` after `sinceRowid`. */
  sentTo(chatId: number, sinceRowid: number): string[];
  close(): Promise<void>;
}

export async function startCore(setup: CoreSetup = {}): Promise<CoreHarness> {
  const dir = mkdtempSync(path.join(tmpdir(), "pinch-e2e-"));
  const sim = SimDb.create({ path: path.join(dir, "chat.db") });
  const configPath = path.join(dir, "pinch.json5");
  const guardedDir = path.join(dir, "guarded");
  if (setup.fullDiskAccess) mkdirSync(guardedDir);
  const guarded = setup.fullDiskAccess ? guardDatabase(sim.path, guardedDir) : undefined;
  if (guarded) guarded[setup.fullDiskAccess === "granted" ? "grant" : "revoke"]();
  const simKeys = { cliPath: imsgShimPath(), dbPath: guarded?.path ?? sim.path };
  const config = { ...setup.extra, channels: { imessage: { ...simKeys, ...setup.imessage } } };
  writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);
  const stateDir = path.join(dir, "state");
  const macos = createFakeMacos();
  macos.answer(setup.automation ?? "granted");
  // Keys the window stores stay in memory for the run; the agent reads them from there, as the app's
  // agent reads the keychain.
  const host = createNodeHostPorts(
    { firstRunDone: setup.firstRunDone ?? true },
    setup.region === undefined ? {} : { region: setup.region },
  );
  const service = createPinchService({
    configPath,
    stateDir,
    // As in the app: the configured model, pausable; without a model, the echo unless `echo` is false.
    agent: createConfiguredAgent(
      { stateDir, log: silentLogger, secrets: host.secrets },
      { echo: setup.echo ?? true },
    ),
    gates: [pausedGate(() => host.getPrefs().pauseReplies)],
    host,
    watchDebounceMs: 0,
    env: { ...macos.env, IMSG_SIM_POLL_MS: "20", ...setup.imsgEnv, ...setup.env },
  });
  await service.ready;
  if (setup.waitReady !== false) await waitForAccountsReady(service);
  const bridge = await startWsBridge(service);

  const sentTo = (chatId: number, sinceRowid: number) =>
    sim.sentMessages({ sinceRowid, chatId }).map((row) => row.text);

  const logCount = async (message: string) => {
    const result = await serviceClient(service).invoke("logs.recent", {});
    const lines = result.ok ? result.data.lines : [];
    return lines.filter((line) => line.message === message).length;
  };

  return {
    sim,
    service,
    logCount,
    async waitForLog(message, count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while ((await logCount(message)) <= count) {
        if (Date.now() > deadline) throw new Error(`no new "${message}" log line within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    bridge,
    host,
    macos,
    fullDiskAccess: guarded,
    configPath,
    stateDir,
    readConfig: () => JSON5.parse(readFileSync(configPath, "utf8")) as Record<string, unknown>,
    sentTo,
    async waitForSent(chatId, match, sinceRowid = 0, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = sentTo(chatId, sinceRowid).find(match);
        if (found !== undefined) return found;
        if (Date.now() > deadline) {
          throw new Error(
            `nothing matching was sent to chat ${chatId}; sent: ${JSON.stringify(sentTo(chatId, sinceRowid))}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      await bridge.close();
      await service.close();
      const refused = sim.invalidParamsAnswered();
      sim.close();
      // imsg refuses every key it does not document (-32602): a refusal is a bug in Pinch.
      if (refused.length > 0) throw new Error(`imsg refused params Pinch sent: ${JSON.stringify(refused)}`);
    },
  };
}

/** Every account watching its database: only then is an injected message a live one. */
async function waitForAccountsReady(service: PinchService, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await serviceClient(service).invoke("status.get", {});
    const accounts = result.ok ? result.data.accounts : [];
    if (accounts.every((account) => account.state === "ready" || account.state === "stopped")) return;
    if (Date.now() > deadline) throw new Error(`accounts did not become ready: ${JSON.stringify(accounts)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
