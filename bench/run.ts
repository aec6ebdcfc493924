/**
 * `npm run bench`: the gateway's figures against the `imsg` simulator and the
 * echo agent, measured the way docs/BENCHMARKS.md describes.
 *
 * - cold start: process start → the `ready` log line (every account watching)
 * - RSS after start, and after 10,000 messages
 * - gateway overhead per message: from the parsed `message` notification to
 *   the `send` request, taken from the gateway's own debug log (`at` fields)
 * - throughput: 20 chats × N messages written at once, until every reply landed
 */
import { readFileSync } from "node:fs";
import { runAgentBench } from "./agent-bench.ts";
import { receivedToSending, startBenchGateway, stopBenchGateway, waitForReplies } from "./bench-gateway.ts";
import { runCacheBench } from "./cache-bench.ts";
import { runCatchUpBench } from "./catch-up-bench.ts";
import { percentile } from "./percentile.ts";
import { runStreamingBench } from "./streaming-bench.ts";
import { runWindowBench } from "./window-bench.ts";

function rssMiB(pid: number | undefined, field: "VmRSS" | "VmHWM" = "VmRSS"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
}

const results: string[] = [];
const record = (line: string) => {
  results.push(line);
  process.stdout.write(`${line}\n`);
};

// Cold start, five times.
const starts: number[] = [];
for (let run = 0; run < 5; run++) {
  const running = startBenchGateway({});
  starts.push(await running.ready);
  if (run === 4) record(`RSS after start: ${rssMiB(running.child.pid).toFixed(1)} MiB`);
  await stopBenchGateway(running);
}
record(
  `cold start to ready: median ${percentile(starts, 50).toFixed(0)} ms (min ${Math.min(...starts).toFixed(0)}, max ${Math.max(...starts).toFixed(0)})`,
);

// One message at a time.
{
  const running = startBenchGateway({});
  await running.ready;
  for (let index = 0; index < 200; index++) {
    const since = running.sim.maxRowid();
    running.sim.injectInbound({ from: "+15555550123", text: `one ${index}` });
    await waitForReplies(running.sim, since, 1);
  }
  const values = receivedToSending(running.events);
  record(
    `gateway overhead, one at a time (${values.length} messages): p50 ${percentile(values, 50).toFixed(2)} ms, p95 ${percentile(values, 95).toFixed(2)} ms`,
  );
  await stopBenchGateway(running);
}

// 20 chats at once, then 10,000 messages for memory.
{
  const running = startBenchGateway({});
  await running.ready;
  const senders = Array.from({ length: 20 }, (_, index) => `+1555555${String(index).padStart(4, "0")}`);
  for (const [label, perChat] of [
    ["20 chats × 10", 10],
    ["20 chats × 500 (10,000 messages)", 500],
  ] as const) {
    const since = running.sim.maxRowid();
    const began = performance.now();
    running.sim.batch(() => {
      for (let index = 0; index < perChat; index++) {
        for (const from of senders) running.sim.injectInbound({ from, text: `m${index}` });
      }
    });
    await waitForReplies(running.sim, since, senders.length * perChat, 120_000);
    const seconds = (performance.now() - began) / 1000;
    record(
      `${label}: ${((senders.length * perChat) / seconds).toFixed(0)} msg/s, all answered in ${seconds.toFixed(2)} s`,
    );
  }
  record(`RSS right after 10,200 messages: ${rssMiB(running.child.pid).toFixed(1)} MiB`);
  record(`RSS peak during the burst (VmHWM): ${rssMiB(running.child.pid, "VmHWM").toFixed(1)} MiB`);
  // V8 hands a burst's heap back after a few idle seconds (its memory reducer), as it would
  // between messages in real use.
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  record(`RSS 10 s after 10,200 messages: ${rssMiB(running.child.pid).toFixed(1)} MiB`);
  await stopBenchGateway(running);
}

// Catch-up after an outage (bench/catch-up-bench.ts).
await runCatchUpBench(record);

// The model agent against a fake provider (bench/agent-bench.ts).
await runAgentBench(record);

// Prompt caching over a 50-turn conversation (bench/cache-bench.ts).
await runCacheBench(record);
// Block streaming: first and last part of a 1,500-character answer at 40 tokens/s (bench/streaming-bench.ts).
await runStreamingBench(record);

// The window in Chromium against the real core (bench/window-bench.ts).
await runWindowBench(record);

process.stdout.write(`\n${results.join("\n")}\n`);
