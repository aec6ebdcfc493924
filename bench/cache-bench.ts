/**
 * Prompt caching over a long conversation: the real `pinch gateway`, the imsg
 * simulator and the fake provider of test/fake-llm, which decides cache hits
 * by prefix the way each service does (test/fake-llm/fake-prompt-cache.ts).
 * One chat, 50 turns, with the default system prompt, in each wire format:
 *
 * - the share of turn 50's input tokens served from the cache
 * - all 50 turns' input tokens as billed (cache reads and writes at their
 *   rates, in full-price tokens) against the same tokens with no caching, and
 *   both in dollars at the list price of the setup's suggested model
 *
 * Run alone with `npx node bench/cache-bench.ts`; `npm run bench` runs it too.
 */
import { BUILT_IN_PRICES, costOf, type ModelPrice } from "../app/usage/model-prices.ts";
import type { TokenUsage } from "../app/usage/token-usage.ts";
import { FakeLlmServer } from "../test/fake-llm/fake-llm-server.ts";
import type { PromptUsage } from "../test/fake-llm/fake-prompt-cache.ts";
import { startModelBenchGateway, stopBenchGateway, waitForReplies } from "./bench-gateway.ts";

const TURNS = 50;
const APIS = [
  { api: "anthropic-messages", priced: "anthropic/claude-sonnet-4-5" },
  { api: "openai-completions", priced: "openai/gpt-5-mini" },
  { api: "openai-responses", priced: "openai/gpt-5-mini" },
] as const;

/** An answer of a few sentences, different each turn, as a chat assistant writes them. */
function answer(turn: number): string {
  return `Here is what I found for question ${turn}. ${"It depends on the details, but the short version is this. ".repeat(5)}Anything else?`;
}

export async function runCacheBench(record: (line: string) => void): Promise<void> {
  for (const { api, priced } of APIS) {
    let turn = 0;
    const fake = await FakeLlmServer.start(() => ({ kind: "reply", text: answer(++turn) }));
    const running = startModelBenchGateway(fake.baseUrl, api);
    await running.ready;
    for (let index = 1; index <= TURNS; index++) {
      const since = running.sim.maxRowid();
      running.sim.injectInbound({
        from: "+15555550123",
        text: `Question ${index}: what should I do about the plans for next week?`,
      });
      await waitForReplies(running.sim, since, 1);
    }
    await stopBenchGateway(running);
    await fake.close();
    const last = fake.usages.at(-1);
    if (fake.usages.length !== TURNS || !last)
      throw new Error(`${api}: ${fake.usages.length} requests for ${TURNS} turns`);
    const price = BUILT_IN_PRICES[priced] as ModelPrice;
    const input = (usage: PromptUsage): TokenUsage => ({
      input: usage.total,
      cacheRead: usage.cacheRead,
      cacheWrite: usage.cacheWrite,
      output: 0,
    });
    const cached = fake.usages.map(input);
    const uncached = cached.map((usage) => ({ ...usage, cacheRead: 0, cacheWrite: 0 }));
    const dollars = (usages: TokenUsage[]) => usages.reduce((sum, usage) => sum + costOf(usage, price), 0);
    const total = uncached.reduce((sum, usage) => sum + usage.input, 0);
    const billed = Math.round((dollars(cached) / price.input) * 1_000_000);
    record(
      `${api}: turn ${TURNS} input ${last.total} tokens, ${((100 * last.cacheRead) / last.total).toFixed(1)}% from cache; ` +
        `${TURNS} turns' input billed as ${billed.toLocaleString("en-US")} full-price tokens with caching vs ${total.toLocaleString("en-US")} without ` +
        `(${((100 * billed) / total).toFixed(0)}%; at ${priced} list prices $${dollars(cached).toFixed(4)} vs $${dollars(uncached).toFixed(4)})`,
    );
  }
}

if (import.meta.main) await runCacheBench((line) => process.stdout.write(`${line}\n`));
