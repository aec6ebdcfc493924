import { afterEach, describe, expect, it } from "vitest";
import { LEGACY_IMSG_ENV } from "../imsg-sim/sim-db.ts";
import { type GatewayHarness, settle, startGateway, waitFor } from "./gateway-harness.ts";

let gateway: GatewayHarness | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

// imsg as it ships today (protocol 1), and a build from before it, which has no catch-up paging.
describe.each([
  { imsg: "protocol 1", env: {} },
  { imsg: "0.9", env: LEGACY_IMSG_ENV },
])("pinch gateway: crashes, with imsg $imsg", ({ env }) => {
  it("answers every message exactly once, in per-chat order, across a kill -9 mid-burst", async () => {
    // Sends slowed down, so the kill lands mid-burst however fast the machine is.
    gateway = await startGateway({
      imessage: { dmPolicy: "open", allowFrom: ["*"] },
      env: { ...env, IMSG_SIM_SEND_DELAY_MS: "30" },
    });
    const senders = Array.from({ length: 10 }, (_, index) => `+1555555${String(index).padStart(4, "0")}`);
    const expected = new Map<number, string[]>();
    const harness = gateway;
    harness.sim.batch(() => {
      for (let round = 0; round < 10; round++) {
        for (const from of senders) {
          const { chatId } = harness.sim.injectInbound({ from, text: `m${round}` });
          expected.set(chatId, [...(expected.get(chatId) ?? []), `echo: m${round}`]);
        }
      }
    });
    // Kill while replies are still going out.
    await waitFor(
      () => harness.sent().length >= 20,
      10_000,
      () => "no replies before the kill",
    );
    await harness.kill();
    await harness.restart();
    await harness.waitForSent(100, { timeoutMs: 15_000 });
    await settle(500);
    const sent = harness.sent();
    expect(sent).toHaveLength(100);
    for (const [chatId, texts] of expected) {
      expect(sent.filter((row) => row.chatId === chatId).map((row) => row.text)).toEqual(texts);
    }
  });

  it("answers every message exactly once, in order, when imsg is killed twice mid-burst", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "open", allowFrom: ["*"] }, env });
    const harness = gateway;
    const senders = Array.from({ length: 10 }, (_, index) => `+1555556${String(index).padStart(4, "0")}`);
    const expected = new Map<number, string[]>();
    const inject = (round: number) =>
      harness.sim.batch(() => {
        for (const from of senders) {
          const { chatId } = harness.sim.injectInbound({ from, text: `r${round}` });
          expected.set(chatId, [...(expected.get(chatId) ?? []), `echo: r${round}`]);
        }
      });
    const imsgPids = () =>
      [...harness.logs().matchAll(/imsg connected .*pid=(\d+)/g)].map((match) => Number(match[1]));
    for (let round = 0; round < 6; round++) {
      inject(round);
      if (round === 1 || round === 3) {
        const known = round === 1 ? 1 : 2;
        await waitFor(() => imsgPids().length >= known, 10_000, harness.logs);
        const pid = imsgPids().at(-1) as number;
        process.kill(pid, "SIGKILL");
        await waitFor(() => imsgPids().length > known, 10_000, harness.logs);
      }
    }
    await harness.waitForSent(60, { timeoutMs: 20_000 });
    await settle(500);
    const sent = harness.sent();
    expect(sent).toHaveLength(60);
    for (const [chatId, texts] of expected) {
      expect(sent.filter((row) => row.chatId === chatId).map((row) => row.text)).toEqual(texts);
    }
  });
});
