/**
 * Block streaming's figures: a 1,500-character answer of five paragraphs,
 * written by the fake provider at 40 tokens/s (about 9.4 s for the whole),
 * through the real `pinch gateway` and the imsg simulator, sent in parts
 * and, for comparison, in one go (`blockStreaming: false`).
 *
 * - first part: from the inbound row to the first row the simulator wrote,
 *   and from the moment the provider had written the first paragraph's blank
 *   line (when a part can first be cut) to that row
 * - last part: from the inbound row to the last row of the answer
 * - one-shot: from the inbound row to the single bubble
 *
 * The provider runs in this process, and sent rows are polled from the
 * simulator's database every 2 ms, so both ends read the same clock.
 *
 * Run alone with `npx node bench/streaming-bench.ts`; `npm run bench` runs it too.
 */
import { FakeLlmServer, lastUserText } from "../test/fake-llm/fake-llm-server.ts";
import { startModelBenchGateway, stopBenchGateway, waitForReplies } from "./bench-gateway.ts";
import { percentile } from "./percentile.ts";

const TOKENS_PER_SECOND = 40;
const RUNS = 3;

/** Five paragraphs, 1,500 characters in all. */
const paragraphs = Array.from({ length: 5 }, (_, index) =>
  `Part ${index + 1}. ${"The model keeps writing plain sentences at a steady pace. ".repeat(5)}`
    .slice(0, 298)
    .trimEnd(),
);
export const STREAMED_ANSWER = paragraphs.join("\n\n").padEnd(1500, ".");

interface Run {
  firstMs: number;
  afterParagraphMs: number;
  lastMs: number;
  parts: number;
}

async function measure(blockStreaming: boolean): Promise<Run[]> {
  const fake = await FakeLlmServer.start((request) =>
    lastUserText(request).endsWith("warm up")
      ? { kind: "reply", text: "warm" }
      : { kind: "reply", text: STREAMED_ANSWER, tokensPerSecond: TOKENS_PER_SECOND },
  );
  const running = startModelBenchGateway(fake.baseUrl, "anthropic-messages", {
    stream: true,
    imessage: { blockStreaming },
  });
  await running.ready;
  // The first turn loads the SDK and opens the connection; it is not what a person waits for later.
  const warm = running.sim.maxRowid();
  running.sim.injectInbound({ from: "+15555559999", text: "warm up" });
  await waitForReplies(running.sim, warm, 1);
  const runs: Run[] = [];
  const firstBreak = (paragraphs[0]?.length ?? 0) + 2;
  for (let run = 0; run < RUNS; run++) {
    const since = running.sim.maxRowid();
    const asked = performance.now();
    running.sim.injectInbound({
      from: `+1555555${String(run).padStart(4, "0")}`,
      text: "a long answer, please",
    });
    const times: number[] = [];
    const deadline = Date.now() + 60_000;
    let seen = 0;
    // The answer is done a second after both the provider finished and the last row came.
    while (Date.now() < deadline) {
      const rows = running.sim.sentMessages({ sinceRowid: since }).length;
      for (; seen < rows; seen++) times.push(performance.now());
      const answered = fake.timings[run + 1]?.answeredAt ?? Number.POSITIVE_INFINITY;
      if (performance.now() - Math.max(answered, times.at(-1) ?? 0) > 1_000) break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const deltas = fake.timings[run + 1]?.deltas ?? [];
    const paragraphAt = deltas.find((delta) => delta.chars >= firstBreak)?.at ?? Number.NaN;
    const first = times[0] ?? Number.NaN;
    runs.push({
      firstMs: first - asked,
      afterParagraphMs: first - paragraphAt,
      lastMs: (times.at(-1) ?? Number.NaN) - asked,
      parts: times.length,
    });
  }
  await stopBenchGateway(running);
  await fake.close();
  return runs;
}

const median = (runs: Run[], pick: (run: Run) => number) => percentile(runs.map(pick), 50);

export async function runStreamingBench(record: (line: string) => void): Promise<void> {
  const streamed = await measure(true);
  const oneShot = await measure(false);
  const label = `${STREAMED_ANSWER.length}-character answer at ${TOKENS_PER_SECOND} tokens/s, median of ${RUNS}`;
  record(
    `block streaming (${label}): first part ${median(streamed, (run) => run.firstMs).toFixed(0)} ms, ` +
      `${median(streamed, (run) => run.afterParagraphMs).toFixed(0)} ms after the first paragraph was complete at the provider; ` +
      `last part ${median(streamed, (run) => run.lastMs).toFixed(0)} ms (${streamed[0]?.parts} parts)`,
  );
  record(
    `one-shot (${label}): the reply ${median(oneShot, (run) => run.firstMs).toFixed(0)} ms (${oneShot[0]?.parts} message)`,
  );
}

if (import.meta.main) {
  await runStreamingBench((line) => process.stdout.write(`${line}\n`));
}
