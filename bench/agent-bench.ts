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
import { FakeLlmServer } from "../test/fake-llm/fake-llm-server.ts";
import {
  receivedToSending,
  startModelBenchGateway,
  stopBenchGateway,
  waitForReplies,
} from "./bench-gateway.ts";
import { percentile } from "./percentile.ts";

export async function runAgentBench(record: (line: string) => void): Promise<void> {
  // Overhead: one turn at a time, so the n-th provider request belongs to the n-th turn.
  for (const api of ["openai-completions", "anthropic-messages"] as const) {
    const providerMs = 20;
    const fake = await FakeLlmServer.start(() => ({
      kind: "reply",
      text: "a short answer",
      delayMs: providerMs,
    }));
    const running = startModelBenchGateway(fake.baseUrl, api);
    await running.ready;
    const turns = 200;
    for (let index = 0; index < turns; index++) {
      const since = running.sim.maxRowid();
      running.sim.injectInbound({ from: "+15555550123", text: `turn ${index}` });
      await waitForReplies(running.sim, since, 1);
    }
    const gatewayMs = receivedToSending(running.events);
    const overhead = gatewayMs.map((ms, index) => {
      const timing = fake.timings[index];
      return timing ? ms - (timing.answeredAt - timing.receivedAt) : Number.NaN;
    });
    // The first turns pay for loading and compiling the SDK; report them apart.
    const warm = overhead.slice(20);
    record(
      `agent overhead above a ${providerMs} ms provider (${api}, ${warm.length} warm turns, growing history): p50 ${percentile(warm, 50).toFixed(2)} ms, p95 ${percentile(warm, 95).toFixed(2)} ms; first turn ${overhead[0]?.toFixed(1)} ms`,
    );
    await stopBenchGateway(running);
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
    const running = startModelBenchGateway(fake.baseUrl, "openai-completions");
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
    await stopBenchGateway(running);
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
