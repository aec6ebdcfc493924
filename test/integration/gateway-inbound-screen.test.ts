/**
 * What the gateway answers and what it leaves alone, as Messages writes the
 * rows: attachment-only messages (U+FFFC as their text), the echoes of our own
 * sends, people repeating the assistant's words, and the response prefix in
 * what people type.
 */
import { afterEach, describe, expect, it } from "vitest";
import { LEGACY_IMSG_ENV } from "../imsg-sim/sim-db.ts";
import { VOICE_MEMO_UTI } from "../imsg-sim/voice-memo.ts";
import { type GatewayHarness, settle, startGateway } from "./gateway-harness.ts";

const friend = "+15555550123";
const stranger = "+15555550999";
const attachmentsDir = "~/Library/Messages/Attachments/ab/01";

let gateway: GatewayHarness | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

function texts(harness: GatewayHarness): string[] {
  return harness.sent().map((row) => row.text);
}

describe("pinch gateway: attachment-only messages with includeAttachments off", () => {
  it("does not answer a photo, a sticker or a voice note alone, and answers the next text", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "open", allowFrom: ["*"] }, args: ["--verbose"] });
    gateway.sim.injectInbound({ from: friend, attachments: [`${attachmentsDir}/IMG_0001.HEIC`] });
    gateway.sim.injectInbound({
      from: friend,
      attachments: [{ path: `${attachmentsDir}/sticker.png`, isSticker: true }],
    });
    gateway.sim.injectInbound({
      from: friend,
      attachments: [{ path: `${attachmentsDir}/Audio Message.caf`, uti: VOICE_MEMO_UTI }],
    });
    gateway.sim.injectInbound({ from: friend, text: "did you get them?" });
    await gateway.waitForSent(1);
    await settle();
    expect(texts(gateway)).toEqual(["echo: did you get them?"]);
    expect(gateway.logs().match(/reason=attachments-not-included/g)).toHaveLength(3);
  });

  it("answers the words of a captioned photo", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "open", allowFrom: ["*"] } });
    gateway.sim.injectInbound({
      from: friend,
      text: "look \uFFFC",
      attachments: [`${attachmentsDir}/a.jpg`],
    });
    expect((await gateway.waitForSent(1))[0]?.text).toBe("echo: look");
  });

  it("sends no pairing code for a stranger's photo", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "pairing", allowFrom: [friend] } });
    gateway.sim.injectInbound({ from: stranger, attachments: [`${attachmentsDir}/IMG_0002.HEIC`] });
    gateway.sim.injectInbound({ from: friend, text: "hi" });
    await gateway.waitForSent(1);
    await settle();
    expect(texts(gateway)).toEqual(["echo: hi"]);
  });
});

describe("pinch gateway: our own sends and people's words", () => {
  it.each([
    { imsg: "protocol 1", env: {} },
    { imsg: "0.9", env: LEGACY_IMSG_ENV },
  ])("answers a person who repeats the assistant's exact words at once, with imsg $imsg", async ({ env }) => {
    gateway = await startGateway({ imessage: { dmPolicy: "open", allowFrom: ["*"] }, env });
    gateway.sim.injectInbound({ from: friend, text: "ok" });
    await gateway.waitForSent(1);
    gateway.sim.injectInbound({ from: friend, text: "echo: ok" });
    await gateway.waitForSent(2);
    await settle();
    expect(texts(gateway)).toEqual(["echo: ok", "echo: echo: ok"]);
  });

  it("answers a group member who repeats the assistant's words", async () => {
    gateway = await startGateway({
      imessage: { groupPolicy: "open", groups: { "*": { requireMention: false } } },
    });
    const group = gateway.sim.group({ participants: [friend, stranger], displayName: "Crew" });
    gateway.sim.injectInbound({ from: friend, chat: group, text: "thanks" });
    await gateway.waitForSent(1);
    gateway.sim.injectInbound({ from: stranger, chat: group, text: "echo: thanks" });
    expect((await gateway.waitForSent(2)).map((row) => row.text)).toEqual([
      "echo: thanks",
      "echo: echo: thanks",
    ]);
  });

  it("never answers its reply in a self-chat, neither the sent row nor the received twin", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "allowlist", allowFrom: [friend] } });
    const { chat } = gateway.sim.injectSelfChat({ text: "note to self" });
    await gateway.waitForSent(2);
    // Messages writes a self-chat message twice: our reply comes back as a received row of its own.
    gateway.sim.injectInbound({ from: gateway.sim.ownAddress, chat, text: "echo: note to self" });
    await settle(500);
    expect(texts(gateway).filter((text) => text.startsWith("echo:"))).toEqual(["echo: note to self"]);
  });
});

describe("pinch gateway: assistant markup a member types", () => {
  it("leaves each such message unanswered but never mutes the group for it", async () => {
    gateway = await startGateway({
      imessage: { groupPolicy: "open", groups: { "*": { requireMention: false } } },
    });
    const group = gateway.sim.group({ participants: [friend, stranger], displayName: "Crew" });
    for (let index = 0; index < 3; index++)
      gateway.sim.injectInbound({ from: stranger, chat: group, text: "<think>" });
    gateway.sim.injectInbound({ from: friend, chat: group, text: "pinch, are you there?" });
    expect((await gateway.waitForSent(1)).map((row) => row.text)).toEqual(["echo: pinch, are you there?"]);
    expect(gateway.logs().match(/not answering a possible reply loop/g)).toHaveLength(3);
    expect(gateway.logs()).not.toContain("muting the chat");
  });
});

describe("pinch gateway: the response prefix in what people type", () => {
  const prefixed = {
    imessage: { dmPolicy: "open", allowFrom: ["*"] },
    extra: { messages: { responsePrefix: "🦞" } },
  };

  it("answers a person who writes the prefix, every time", async () => {
    gateway = await startGateway(prefixed);
    for (let index = 1; index <= 3; index++) {
      gateway.sim.injectInbound({ from: friend, text: "I love 🦞 rolls" });
      await gateway.waitForSent(index);
    }
    gateway.sim.injectInbound({ from: friend, text: "still there?" });
    await gateway.waitForSent(4);
    expect(texts(gateway)).toEqual([
      "🦞 echo: I love 🦞 rolls",
      "🦞 echo: I love 🦞 rolls",
      "🦞 echo: I love 🦞 rolls",
      "🦞 echo: still there?",
    ]);
  });

  it("does not answer its own prefixed reply sent back to it word for word", async () => {
    gateway = await startGateway(prefixed);
    gateway.sim.injectInbound({ from: friend, text: "hi" });
    await gateway.waitForSent(1);
    gateway.sim.injectInbound({ from: friend, text: "🦞 echo: hi" });
    await gateway.waitForLog(/not answering a possible reply loop/);
    gateway.sim.injectInbound({ from: friend, text: "and now?" });
    await gateway.waitForSent(2);
    expect(texts(gateway)).toEqual(["🦞 echo: hi", "🦞 echo: and now?"]);
  });
});
