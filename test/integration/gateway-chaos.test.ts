import { afterEach, describe, expect, it } from "vitest";
import { LEGACY_IMSG_ENV } from "../imsg-sim/sim-db.ts";
import { gatewayImsgChildren } from "./child-processes.ts";
import { type GatewayHarness, settle, startGateway } from "./gateway-harness.ts";

/**
 * Chaos at random moments: the seed is printed with any failure, and
 * PINCH_CHAOS_SEED=<seed> replays the same schedule.
 */
function chaosSeed(): number {
  const fromEnv = Number(process.env.PINCH_CHAOS_SEED);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : (Date.now() ^ (process.pid << 8)) >>> 0;
}

/** mulberry32: a small seeded generator, so one seed gives one schedule. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const CHATS = 20;
const PER_CHAT = 10;
const TOTAL = CHATS * PER_CHAT;

/** 10 messages from each of 20 senders, interleaved at random but in order within each chat. */
function interleaving(random: () => number): { sender: number; seq: number }[] {
  const next = Array.from({ length: CHATS }, () => 0);
  const order: { sender: number; seq: number }[] = [];
  while (order.length < TOTAL) {
    const open = next.flatMap((seq, sender) => (seq < PER_CHAT ? [sender] : []));
    const sender = open[Math.floor(random() * open.length)] as number;
    order.push({ sender, seq: next[sender] as number });
    next[sender] = (next[sender] as number) + 1;
  }
  return order;
}

/**
 * Writes the 200 messages in random-sized batches at random intervals and
 * returns, per chat, the replies expected in order.
 */
async function injectBurst(
  harness: GatewayHarness,
  random: () => number,
  prefix: string,
): Promise<Map<number, string[]>> {
  const senders = Array.from(
    { length: CHATS },
    (_, index) => `+1555558${prefix.charCodeAt(0) % 10}${String(index).padStart(3, "0")}`,
  );
  const expected = new Map<number, string[]>();
  const order = interleaving(random);
  let index = 0;
  while (index < order.length) {
    const size = 1 + Math.floor(random() * 12);
    const batch = order.slice(index, index + size);
    index += batch.length;
    harness.sim.batch(() => {
      for (const { sender, seq } of batch) {
        const text = `${prefix}${sender}-${seq}`;
        const { chatId } = harness.sim.injectInbound({ from: senders[sender] as string, text });
        expected.set(chatId, [...(expected.get(chatId) ?? []), `echo: ${text}`]);
      }
    });
    await sleep(Math.floor(random() * 60));
  }
  return expected;
}

/** Every message answered once, in per-chat order, nothing else sent. */
async function expectExactlyOnce(harness: GatewayHarness, expected: Map<number, string[]>): Promise<void> {
  await harness.waitForSent(TOTAL, { timeoutMs: 90_000 });
  await settle(1_000);
  const sent = harness.sent();
  for (const [chatId, texts] of expected) {
    expect(
      sent.filter((row) => row.chatId === chatId).map((row) => row.text),
      `replies in chat ${chatId}`,
    ).toEqual(texts);
  }
  expect(sent).toHaveLength(TOTAL);
}

async function withSeed(seed: number, harness: () => GatewayHarness | undefined, body: () => Promise<void>) {
  try {
    await body();
  } catch (error) {
    const logs = harness()?.logs() ?? "";
    throw new Error(
      `chaos seed ${seed} (replay with PINCH_CHAOS_SEED=${seed}): ${(error as Error).message}\n--- gateway log (tail) ---\n${logs.slice(-6_000)}`,
    );
  }
}

let gateway: GatewayHarness | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

// imsg as it ships today (protocol 1), and a build from before it, which has no catch-up paging.
describe.each([
  { imsg: "protocol 1", env: {} },
  { imsg: "0.9", env: LEGACY_IMSG_ENV },
])("pinch gateway: chaos, with imsg $imsg", ({ env }) => {
  it("answers 200 messages from 20 chats exactly once, in per-chat order, while imsg is killed at random moments", async () => {
    const seed = chaosSeed();
    const random = seededRandom(seed);
    await withSeed(
      seed,
      () => gateway,
      async () => {
        gateway = await startGateway({ imessage: { dmPolicy: "open", allowFrom: ["*"] }, env });
        const harness = gateway;
        // Kill moments spread over the burst and the catch-up after it, wherever imsg is then:
        // starting, subscribing, replaying, sending.
        const kills = Array.from({ length: 3 + Math.floor(random() * 3) }, () =>
          Math.floor(random() * 4_000),
        ).sort((a, b) => a - b);
        let killed = 0;
        const killer = (async () => {
          const began = Date.now();
          for (const at of kills) {
            await sleep(Math.max(0, at - (Date.now() - began)));
            for (const pid of gatewayImsgChildren(harness.stateDir)) {
              try {
                process.kill(pid, "SIGKILL");
                killed++;
              } catch {
                // Exited between listing and killing: the moment passed, nothing to kill.
              }
            }
          }
        })();
        const expected = await injectBurst(harness, random, "c");
        await killer;
        await expectExactlyOnce(harness, expected);
        expect(killed).toBeGreaterThanOrEqual(1);
      },
    );
  }, 150_000);

  it("answers 200 messages from 20 chats exactly once, in per-chat order, across kill -9 of the gateway at random moments", async () => {
    const seed = chaosSeed();
    const random = seededRandom(seed);
    await withSeed(
      seed,
      () => gateway,
      async () => {
        gateway = await startGateway({ imessage: { dmPolicy: "open", allowFrom: ["*"] }, env });
        const harness = gateway;
        const crashes = Array.from({ length: 2 }, () => 100 + Math.floor(random() * 1_500)).sort(
          (a, b) => a - b,
        );
        // Messages keep arriving while the gateway is down and while it starts again.
        const burst = injectBurst(harness, random, "g");
        let last = 0;
        for (const at of crashes) {
          await sleep(at - last);
          last = at;
          await harness.kill();
          await sleep(Math.floor(random() * 300));
          await harness.restart();
        }
        const expected = await burst;
        await expectExactlyOnce(harness, expected);
      },
    );
  }, 150_000);
});

// The schedule must not depend on anything but the seed.
describe("chaos schedule", () => {
  it("is the same for the same seed", () => {
    expect(interleaving(seededRandom(42))).toEqual(interleaving(seededRandom(42)));
    expect(interleaving(seededRandom(42))).not.toEqual(interleaving(seededRandom(43)));
  });
});
