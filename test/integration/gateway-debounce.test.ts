/**
 * `messages.inbound.debounceMs`: quick messages from one sender in one chat
 * are answered as one turn, exactly once, through the real gateway.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type GatewayHarness, settle, startGateway } from "./gateway-harness.ts";

let gateway: GatewayHarness | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

const friend = "+15555550123";
const other = "+15555550999";
const openDms = { dmPolicy: "open", allowFrom: ["*"] };
const perSender = { session: { dmScope: "per-channel-peer" } };

function withDebounce(debounceMs: number) {
  return { ...perSender, messages: { inbound: { debounceMs } } };
}

describe("pinch gateway: inbound debounce", () => {
  it("answers a burst of three quick messages from one sender as one turn with one reply", async () => {
    gateway = await startGateway({ imessage: openDms, extra: withDebounce(1_000) });
    for (const text of ["one", "two", "three"]) gateway.sim.injectInbound({ from: friend, text });
    expect((await gateway.waitForSent(1))[0]?.text).toBe("echo: one\ntwo\nthree");
    await settle(1_500);
    expect(gateway.sent()).toHaveLength(1);
  });

  it("does not merge messages from another sender", async () => {
    gateway = await startGateway({ imessage: openDms, extra: withDebounce(1_000) });
    const { chatId: friendChat } = gateway.sim.injectInbound({ from: friend, text: "a1" });
    const { chatId: otherChat } = gateway.sim.injectInbound({ from: other, text: "b1" });
    gateway.sim.injectInbound({ from: friend, text: "a2" });
    await gateway.waitForSent(2);
    await settle(1_500);
    expect(gateway.sent({ chatId: friendChat }).map((row) => row.text)).toEqual(["echo: a1\na2"]);
    expect(gateway.sent({ chatId: otherChat }).map((row) => row.text)).toEqual(["echo: b1"]);
  });

  it("answers each message on its own with debounceMs 0", async () => {
    gateway = await startGateway({ imessage: openDms, extra: withDebounce(0) });
    for (const text of ["one", "two", "three"]) gateway.sim.injectInbound({ from: friend, text });
    const sent = await gateway.waitForSent(3);
    expect(sent.map((row) => row.text)).toEqual(["echo: one", "echo: two", "echo: three"]);
  });

  it("answers a command at once, after the burst before it", async () => {
    // A window far longer than the wait: the command does not sit it out, nor does the text before it.
    gateway = await startGateway({ imessage: openDms, extra: withDebounce(60_000) });
    gateway.sim.injectInbound({ from: friend, text: "hello" });
    gateway.sim.injectInbound({ from: friend, text: "/new" });
    const sent = await gateway.waitForSent(2, { timeoutMs: 20_000 });
    expect(sent.map((row) => row.text)).toEqual(["echo: hello", "Started a new conversation."]);
  });

  it("answers a burst exactly once when the gateway is killed while it waits", async () => {
    gateway = await startGateway({ imessage: openDms, extra: withDebounce(3_000) });
    for (const text of ["one", "two", "three"]) gateway.sim.injectInbound({ from: friend, text });
    await settle(500);
    await gateway.kill();
    expect(gateway.sent()).toHaveLength(0);
    await gateway.restart();
    expect((await gateway.waitForSent(1, { timeoutMs: 10_000 }))[0]?.text).toBe("echo: one\ntwo\nthree");
    await settle(3_500);
    expect(gateway.sent()).toHaveLength(1);
  });

  it("answers a burst exactly once when the gateway is killed while its reply is being sent", async () => {
    gateway = await startGateway({
      imessage: openDms,
      extra: withDebounce(300),
      env: { IMSG_SIM_SEND_DELAY_MS: "2000" },
    });
    for (const text of ["one", "two", "three"]) gateway.sim.injectInbound({ from: friend, text });
    // The burst is released after 300 ms and its reply journaled; the send is still under way.
    await settle(1_200);
    await gateway.kill();
    await gateway.restart();
    expect((await gateway.waitForSent(1, { timeoutMs: 15_000 }))[0]?.text).toBe("echo: one\ntwo\nthree");
    await settle(3_000);
    expect(gateway.sent().map((row) => row.text)).toEqual(["echo: one\ntwo\nthree"]);
  });
});
