/**
 * The model agent's figures: the real `pinch gateway` (bundled CLI), the imsg
 * simulator, and the fake provider of test/fake-llm answering after a fixed
 * delay, measured the way docs/BENCHMARKS.md describes.
 *
 * - overhead per turn above the provider: (gateway `received` → `sending`)
 *   minus the provider's own time for that request (read → answered)
 * - 100 chats at once against a provider that takes 200 ms per answer
 *
 * Run alone with `npx node bench/agent-bench.ts`; `npm run bench` runs it last.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeLlmServer } from "../test/fake-llm/fake-llm-server.ts";
import { imsgShimPath, SimDb } from "../test/imsg-sim/sim-db.ts";

const pinch = join(import.meta.dirname, "..", "bin", "pinch.js");

interface LogEvent {
  msg: string;
  guid?: string;
  at?: number;
}

interface Running {
  child: ChildProcess;
  sim: SimDb;
  events: LogEvent[];
  ready: Promise<void>;
}

function startGateway(fake: FakeLlmServer, api: "anthropic-messages" | "openai-completions"): Running {
  const dir = mkdtempSync(join(tmpdir(), "pinch-agent-bench-"));
  const sim = SimDb.create({ path: join(dir, "chat.db") });
  const configPath = join(dir, "pinch.json5");
  writeFileSync(
    configPath,
    JSON.stringify({
      channels: {
        imessage: { cliPath: imsgShimPath(), dbPath: sim.path, dmPolicy: "open", allowFrom: ["*"] },
      },
      session: { dmScope: "per-channel-peer" },
      models: {
        providers: {
          bench: {
            baseUrl: fake.baseUrl,
            api,
            apiKey: "env:PINCH_BENCH_KEY",
            models: [{ id: "bench-model" }],
          },
        },
      },
      agents: { defaults: { model: "bench/bench-model" } },
    }),
  );
  const child = spawn(
    process.execPath,
    [
      pinch,
      "gateway",
      "--config",
      configPath,
      "--state-dir",
      join(dir, "state"),
      "--log-format",
      "json",
      "--verbose",
      "--debounce-ms",
      "0",
    ],
    {
      env: { ...process.env, IMSG_SIM_POLL_MS: "5", PINCH_BENCH_KEY: "bench-key" },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  const events: LogEvent[] = [];
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  let pending = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      try {
        const event = JSON.parse(line) as LogEvent & { level?: string; error?: string };
        if (event.msg === "ready") markReady();
        if (event.msg === "received" || event.msg === "sending") events.push(event);
        if (event.level === "error" || event.level === "warn") process.stderr.write(`${line}\n`);
      } catch {
        // The simulator's own stderr is not ours to measure.
      }
    }
  });
  return { child, sim, events, ready };
}

async function stop(running: Running): Promise<void> {
  running.child.kill("SIGTERM");
  await new Promise((resolve) => running.child.once("exit", resolve));
  running.sim.close();
}

async function waitForReplies(sim: SimDb, since: number, count: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (sim.sentMessages({ sinceRowid: since }).length < count) {
    if (Date.now() > deadline)
      throw new Error(`only ${sim.sentMessages({ sinceRowid: since }).length} of ${count} replies`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Gateway time per turn (received → sending), in turn order. */
function turnDurations(events: LogEvent[]): number[] {
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

export async function runAgentBench(record: (line: string) => void): Promise<void> {
  // Overhead: one turn at a time, so the n-th provider request belongs to the n-th turn.
  for (const api of ["openai-completions", "anthropic-messages"] as const) {
    const providerMs = 20;
    const fake = await FakeLlmServer.start(() => ({
      kind: "reply",
      text: "a short answer",
      delayMs: providerMs,
    }));
    const running = startGateway(fake, api);
    await running.ready;
    const turns = 200;
    for (let index = 0; index < turns; index++) {
      const since = running.sim.maxRowid();
      running.sim.injectInbound({ from: "+15555550123", text: `turn ${index}` });
      await waitForReplies(running.sim, since, 1);
    }
    const gatewayMs = turnDurations(running.events);
    const overhead = gatewayMs.map((ms, index) => {
      const timing = fake.timings[index];
      return timing ? ms - (timing.answeredAt - timing.receivedAt) : Number.NaN;
    });
    // The first turns pay for loading and compiling the SDK; report them apart.
    const warm = overhead.slice(20);
    record(
      `agent overhead above a ${providerMs} ms provider (${api}, ${warm.length} warm turns, growing history): p50 ${percentile(warm, 50).toFixed(2)} ms, p95 ${percentile(warm, 95).toFixed(2)} ms; first turn ${overhead[0]?.toFixed(1)} ms`,
    );
    await stop(running);
    await fake.close();
  }

  // 100 chats at once against a provider that takes 200 ms.
  {
    let inFlight = 0;
    let peak = 0;
    const fake = await FakeLlmServer.start(() => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => inFlight--, 200);
      return { kind: "reply", text: "a short answer", delayMs: 200 };
    });
    const running = startGateway(fake, "openai-completions");
    await running.ready;
    // Warm the process up first (SDK loaded, connections open) with one turn.
    let since = running.sim.maxRowid();
    running.sim.injectInbound({ from: "+15555559999", text: "warm up" });
    await waitForReplies(running.sim, since, 1);
    peak = 0;
    const senders = Array.from({ length: 100 }, (_, index) => `+1555556${String(index).padStart(4, "0")}`);
    since = running.sim.maxRowid();
    const began = performance.now();
    running.sim.batch(() => {
      for (const from of senders) running.sim.injectInbound({ from, text: "hello" });
    });
    await waitForReplies(running.sim, since, senders.length);
    const seconds = (performance.now() - began) / 1000;
    record(
      `100 chats at once, 200 ms provider: all answered in ${seconds.toFixed(2)} s (peak ${peak} requests in flight at the provider)`,
    );
    await stop(running);
    await fake.close();
  }
}

if (import.meta.main) {
  const lines: string[] = [];
  await runAgentBench((line) => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  });
}
