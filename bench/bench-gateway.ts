/**
 * A `pinch gateway` for the benchmarks, started as users start it (through
 * bin/pinch.js) against a fresh simulator, with JSON debug logs whose
 * `received` / `sending` events carry sub-millisecond timestamps.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { imsgShimPath, SimDb } from "../test/imsg-sim/sim-db.ts";

const pinch = join(import.meta.dirname, "..", "bin", "pinch.js");

export interface LogEvent {
  msg: string;
  guid?: string;
  at?: number;
}

export interface BenchGateway {
  child: ChildProcess;
  sim: SimDb;
  /** Config, database and state: give it to `startBenchGateway` to start again where this one stopped. */
  dir: string;
  /** The `received` and `sending` events, in order. */
  events: LogEvent[];
  /** Milliseconds from spawn to the `ready` log line. */
  ready: Promise<number>;
}

export function startBenchGateway(options: {
  /** Top-level config keys besides `channels` and `session`. */
  extraConfig?: Record<string, unknown>;
  /** More `channels.imessage` keys. */
  imessage?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  /** Warnings and errors are copied to the bench's stderr, so a failing run says why. */
  echoProblems?: boolean;
  /** A stopped bench gateway's folder: start again on its database, config and state. */
  dir?: string;
}): BenchGateway {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "pinch-bench-"));
  const sim = options.dir ? SimDb.open(join(dir, "chat.db")) : SimDb.create({ path: join(dir, "chat.db") });
  const configPath = join(dir, "pinch.json5");
  if (!options.dir)
    writeFileSync(
      configPath,
      JSON.stringify({
        channels: {
          imessage: {
            cliPath: imsgShimPath(),
            dbPath: sim.path,
            dmPolicy: "open",
            allowFrom: ["*"],
            ...options.imessage,
          },
        },
        session: { dmScope: "per-channel-peer" },
        ...options.extraConfig,
      }),
    );
  const startedAt = performance.now();
  // --echo: without a model in extraConfig, every sender is answered with their own words.
  const args = ["gateway", "--echo", "--config", configPath, "--state-dir", join(dir, "state")];
  const child = spawn(
    process.execPath,
    [pinch, ...args, "--log-format", "json", "--verbose", "--debounce-ms", "0"],
    { env: { ...process.env, IMSG_SIM_POLL_MS: "5", ...options.env }, stdio: ["ignore", "ignore", "pipe"] },
  );
  const events: LogEvent[] = [];
  let markReady: (ms: number) => void = () => undefined;
  const ready = new Promise<number>((resolve) => {
    markReady = resolve;
  });
  let pending = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      try {
        const event = JSON.parse(line) as LogEvent & { level?: string };
        if (event.msg === "ready") markReady(performance.now() - startedAt);
        if (event.msg === "received" || event.msg === "sending") events.push(event);
        if (options.echoProblems && (event.level === "error" || event.level === "warn"))
          process.stderr.write(`${line}\n`);
      } catch {
        // Non-JSON output (from the simulator's stderr) is not ours to measure.
      }
    }
  });
  return { child, sim, dir, events, ready };
}

/** The gateway's own time per message, from its `received` line to its `sending` line, in order. */
/**
 * A gateway that answers with the fake provider at `baseUrl` as the model `bench/bench-model`, in
 * the wire format `api`; `stream` asks it for streamed answers.
 */
export function startModelBenchGateway(
  baseUrl: string,
  api: "anthropic-messages" | "openai-completions" | "openai-responses",
  options: { stream?: boolean; imessage?: Record<string, unknown> } = {},
): BenchGateway {
  return startBenchGateway({
    ...(options.imessage ? { imessage: options.imessage } : {}),
    extraConfig: {
      models: {
        providers: {
          bench: {
            baseUrl,
            api,
            apiKey: "env:BENCH_API_KEY",
            ...(options.stream === undefined ? {} : { stream: options.stream }),
            models: [{ id: "bench-model" }],
          },
        },
      },
      agents: { defaults: { model: "bench/bench-model" } },
    },
    env: { BENCH_API_KEY: "bench-key" },
    echoProblems: true,
  });
}

export function receivedToSending(events: LogEvent[]): number[] {
  const received = new Map<string, number>();
  const result: number[] = [];
  for (const event of events) {
    if (!event.guid || event.at === undefined) continue;
    if (event.msg === "received") received.set(event.guid, event.at);
    else if (received.has(event.guid)) {
      result.push(event.at - (received.get(event.guid) as number));
      received.delete(event.guid);
    }
  }
  return result;
}

export async function stopBenchGateway(running: BenchGateway): Promise<void> {
  running.child.kill("SIGTERM");
  await new Promise((resolve) => running.child.once("exit", resolve));
  running.sim.close();
}

export async function waitForReplies(
  sim: SimDb,
  since: number,
  count: number,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (sim.sentMessages({ sinceRowid: since }).length < count) {
    if (Date.now() > deadline)
      throw new Error(`only ${sim.sentMessages({ sinceRowid: since }).length} of ${count} replies`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
