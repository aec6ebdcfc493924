/**
 * Runs the real `pinch gateway` as a child process against the imsg
 * simulator, the way a user runs it: a config file, a state directory, logs
 * on stderr. Tests write inbound rows into the simulated chat.db and wait for
 * what the gateway sent.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import JSON5 from "json5";
import { imsgShimPath, type SentMessage, SimDb } from "../imsg-sim/sim-db.ts";

export const PINCH_BIN = fileURLToPath(new URL("../../bin/pinch.js", import.meta.url));

export interface GatewayHarness {
  sim: SimDb;
  dir: string;
  configPath: string;
  stateDir: string;
  logs: () => string;
  /** Rewrites the config file (a running gateway reloads it live). */
  editConfig: (change: (config: Record<string, any>) => void) => void;
  waitForLog: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
  /** Waits until `count` messages were sent (is_from_me rows after the start), optionally in one chat. */
  waitForSent: (count: number, options?: { chatId?: number; timeoutMs?: number }) => Promise<SentMessage[]>;
  /** `is_from_me` rows written since the harness started. */
  sent: (options?: { chatId?: number }) => SentMessage[];
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  kill: () => Promise<void>;
  restart: () => Promise<void>;
}

export interface HarnessOptions {
  /** `channels.imessage` keys (cliPath and dbPath are filled in). */
  imessage?: Record<string, unknown>;
  /** Other top-level config keys. */
  extra?: Record<string, unknown>;
  sim?: SimDb;
  env?: NodeJS.ProcessEnv;
  /** More `pinch gateway` flags, such as `--verbose`. */
  args?: string[];
  /** An existing config file, run as it is (`imessage` and `extra` are then not used). */
  configPath?: string;
  /** An existing state directory (one an import filled, say). */
  stateDir?: string;
  /**
   * `--echo`, the demo's answer while no model is set up: every admitted sender gets their own words
   * back, which most tests read as "answered". False runs as a user does: only the owner is answered.
   */
  echo?: boolean;
}

export async function startGateway(options: HarnessOptions = {}): Promise<GatewayHarness> {
  const dir = mkdtempSync(join(tmpdir(), "pinch-gw-"));
  const sim = options.sim ?? SimDb.create({ path: join(dir, "chat.db") });
  const configPath = options.configPath ?? join(dir, "pinch.json5");
  const stateDir = options.stateDir ?? join(dir, "state");
  if (options.configPath === undefined) {
    const config = {
      ...options.extra,
      channels: {
        imessage: { enabled: true, cliPath: imsgShimPath(), dbPath: sim.path, ...options.imessage },
      },
    };
    writeFileSync(configPath, JSON.stringify(config, null, 2));
  }
  const startRowid = sim.maxRowid();
  let output = "";
  let child: ChildProcess;
  let exited: Promise<number | null>;

  const launch = async (): Promise<void> => {
    child = spawn(
      process.execPath,
      [
        PINCH_BIN,
        "gateway",
        "--config",
        configPath,
        "--state-dir",
        stateDir,
        "--debounce-ms",
        "0",
        ...(options.echo === false ? [] : ["--echo"]),
        ...(options.args ?? []),
      ],
      {
        env: { ...process.env, IMSG_SIM_POLL_MS: "10", ...options.env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const proc = child;
    exited = new Promise((resolve) => proc.on("exit", (code) => resolve(code)));
    proc.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    proc.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const mark = output.length;
    await waitFor(
      () => /\bready\b/.test(output.slice(mark)),
      15_000,
      () => `gateway never said ready:\n${output}`,
    );
  };

  const harness: GatewayHarness = {
    sim,
    dir,
    configPath,
    stateDir,
    logs: () => output,
    editConfig: (change) => {
      const config = JSON5.parse(readFileSync(configPath, "utf8"));
      change(config);
      writeFileSync(configPath, JSON.stringify(config, null, 2));
    },
    waitForLog: (pattern, timeoutMs = 5_000) =>
      waitFor(
        () => pattern.test(output),
        timeoutMs,
        () => `no log matching ${pattern}:\n${output}`,
      ),
    sent: (filter = {}) =>
      sim.sentMessages({
        sinceRowid: startRowid,
        ...(filter.chatId === undefined ? {} : { chatId: filter.chatId }),
      }),
    waitForSent: async (count, filter = {}) => {
      let rows: SentMessage[] = [];
      await waitFor(
        () => {
          rows = harness.sent(filter);
          return rows.length >= count;
        },
        filter.timeoutMs ?? 5_000,
        () =>
          `expected ${count} sent, got ${rows.length}: ${JSON.stringify(rows.map((row) => row.text))}\n${output}`,
      );
      return rows;
    },
    stop: async (signal = "SIGTERM") => {
      child.kill(signal);
      return exited;
    },
    kill: async () => {
      child.kill("SIGKILL");
      await exited;
    },
    restart: launch,
  };
  await launch();
  return harness;
}

export async function waitFor(check: () => boolean, timeoutMs: number, explain: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(explain());
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Lets the gateway see (and ignore) a row: enough time for the watch and one turn. */
export function settle(ms = 300): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
