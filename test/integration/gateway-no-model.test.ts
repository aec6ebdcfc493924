import { afterEach, describe, expect, it } from "vitest";
import { SETUP_MODEL_NOTICE } from "../../app/agent/setup-notice-agent.ts";
import { type GatewayHarness, settle, startGateway } from "./gateway-harness.ts";

const owner = "+15555550123";
const friend = "+15555550188";

let gateway: GatewayHarness | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

describe("pinch gateway without a model", () => {
  const startWithoutModel = () =>
    startGateway({
      echo: false,
      imessage: { dmPolicy: "allowlist", allowFrom: [owner, friend] },
      extra: { commands: { ownerAllowFrom: [owner] } },
    });

  it("tells the owner to set up a model and answers nobody else", async () => {
    gateway = await startWithoutModel();
    const fromFriend = gateway.sim.injectInbound({ from: friend, text: "are you there?" });
    const fromOwner = gateway.sim.injectInbound({ from: owner, text: "hello" });
    const [reply] = await gateway.waitForSent(1, { chatId: fromOwner.chatId });
    expect(reply?.text).toBe(SETUP_MODEL_NOTICE);
    await settle(500);
    expect(gateway.sent({ chatId: fromFriend.chatId })).toEqual([]);
  });

  it("answers the owner in the self-chat with the same note", async () => {
    gateway = await startWithoutModel();
    const { chat } = gateway.sim.injectSelfChat({ text: "testing" });
    // The owner's own send is a sent row of the chat too; the note follows it.
    const sent = await gateway.waitForSent(2, { chatId: chat.id });
    expect(sent.map((row) => row.text)).toEqual(["testing", SETUP_MODEL_NOTICE]);
  });

  it("settles the messages it does not answer: a restart neither answers them nor repeats the note", async () => {
    gateway = await startWithoutModel();
    const fromFriend = gateway.sim.injectInbound({ from: friend, text: "first" });
    gateway.sim.injectInbound({ from: owner, text: "one" });
    await gateway.waitForSent(1);
    expect(await gateway.stop()).toBe(0);
    await gateway.restart();
    gateway.sim.injectInbound({ from: owner, text: "two" });
    await gateway.waitForSent(2);
    await settle(300);
    expect(gateway.sent().map((row) => row.text)).toEqual([SETUP_MODEL_NOTICE, SETUP_MODEL_NOTICE]);
    expect(gateway.sent({ chatId: fromFriend.chatId })).toEqual([]);
  });
});
