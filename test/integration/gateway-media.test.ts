/**
 * Files and threads in the model's replies, through the real gateway, the
 * imsg simulator and a fake model: `MEDIA:` lines become attachments (a path
 * under `attachmentRoots`, or a link fetched from a server on 127.0.0.1), sent
 * after the text and exactly once across a crash; reply tags thread the text
 * when imsg's bridge offers it and are stripped when it does not.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FakeLlmServer, lastUserText } from "../fake-llm/fake-llm-server.ts";
import { providerConfig } from "../fake-llm/model-gateway.ts";
import { writeFaultControl } from "../imsg-sim/sim-db.ts";
import { invalidParamsLogPath } from "../imsg-sim/sim-records.ts";
import { type GatewayHarness, settle, startGateway, waitFor } from "./gateway-harness.ts";

const ALICE = "+15555551234";
const OBJECT_REPLACEMENT = "\uFFFC";
const PHOTO = Buffer.alloc(2_000, 9);

let files: Server;
let filesBase: string;
let fake: FakeLlmServer;
/** What the model answers to a message containing each key. */
let replies: Record<string, string> = {};
let gateway: GatewayHarness | undefined;
/** Every path the file server was asked for, in order. */
const fileRequests: string[] = [];

beforeAll(async () => {
  files = createServer((request, response) => {
    fileRequests.push(request.url ?? "");
    if (request.url?.startsWith("/photo.jpg")) {
      response.writeHead(200, { "content-type": "image/jpeg" });
      response.end(PHOTO);
    } else if (request.url === "/huge.bin") {
      response.writeHead(200, { "content-type": "application/octet-stream" });
      response.end(Buffer.alloc(2 * 1024 * 1024));
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
  filesBase = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  fake = await FakeLlmServer.start((request) => {
    const asked = lastUserText(request);
    const key = Object.keys(replies).find((candidate) => asked.includes(candidate));
    return { kind: "reply", text: key ? (replies[key] as string) : `reply: ${asked}` };
  });
});

afterAll(async () => {
  files.closeAllConnections();
  await new Promise<void>((resolve) => files.close(() => resolve()));
  await fake.close();
});

afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
  replies = {};
});

/** A folder under `attachmentRoots` holding one picture, and one outside it. */
function mediaFolders() {
  const dir = mkdtempSync(join(tmpdir(), "pinch-media-"));
  const allowed = join(dir, "outbox");
  mkdirSync(allowed);
  writeFileSync(join(allowed, "chart.png"), PHOTO);
  writeFileSync(join(dir, "private.txt"), "not for sending");
  return { allowed, outside: join(dir, "private.txt"), picture: join(allowed, "chart.png") };
}

async function start(imessage: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {}) {
  gateway = await startGateway({
    imessage: { dmPolicy: "open", allowFrom: ["*"], ...imessage },
    extra: providerConfig({ baseUrl: fake.baseUrl, api: "openai-completions" }),
    env,
  });
  return gateway;
}

function fetchedLeft(harness: GatewayHarness): string[] {
  const dir = join(harness.stateDir, "imessage", "default", "outbound-media");
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe("pinch gateway: files in replies", () => {
  it("sends a file under attachmentRoots after the text, as Messages records an attachment", async () => {
    const { allowed, picture } = mediaFolders();
    replies = { chart: `Here is the chart.\n\nMEDIA:${picture}` };
    const harness = await start({ attachmentRoots: [allowed] });
    const { chatId } = harness.sim.injectInbound({ from: ALICE, text: "send me the chart" });
    const sent = await harness.waitForSent(2, { chatId, timeoutMs: 15_000 });
    expect(sent.map((row) => row.text)).toEqual(["Here is the chart.", OBJECT_REPLACEMENT]);
    expect(sent[0]?.attachmentPaths).toEqual([]);
    expect(sent[1]?.attachmentPaths.map((file) => basename(file))).toEqual(["chart.png"]);
    expect(readFileSync(sent[1]?.attachmentPaths[0] as string)).toEqual(PHOTO);
    await settle(500);
    expect(harness.sent({ chatId })).toHaveLength(2);
    expect(harness.sim.invalidParamsAnswered()).toEqual([]);
  }, 30_000);

  it("fetches a link within mediaMaxMb, sends it, and deletes the download", async () => {
    replies = { photo: `MEDIA:${filesBase}/photo.jpg?sig=abc123` };
    // The file server of these tests is on 127.0.0.1: only with this switch is it fetched.
    const harness = await start({ mediaFetchPrivateHosts: true });
    const { chatId } = harness.sim.injectInbound({ from: ALICE, text: "a photo please" });
    const [row] = await harness.waitForSent(1, { chatId, timeoutMs: 15_000 });
    expect(row?.text).toBe(OBJECT_REPLACEMENT);
    expect(basename(row?.attachmentPaths[0] ?? "")).toBe("photo.jpg");
    expect(readFileSync(row?.attachmentPaths[0] as string)).toEqual(PHOTO);
    await waitFor(
      () => fetchedLeft(harness).length === 0,
      5_000,
      () => fetchedLeft(harness).join(),
    );
    expect(harness.logs()).not.toContain("abc123");
  }, 30_000);

  it("refuses a path outside the roots and a link over the cap, and still sends the text", async () => {
    const { allowed, outside } = mediaFolders();
    replies = { files: `Two files.\nMEDIA:${outside}\nMEDIA:${filesBase}/huge.bin` };
    const harness = await start({ attachmentRoots: [allowed], mediaMaxMb: 1, mediaFetchPrivateHosts: true });
    const { chatId } = harness.sim.injectInbound({ from: ALICE, text: "the files" });
    await harness.waitForSent(1, { chatId, timeoutMs: 15_000 });
    await harness.waitForLog(/not sending a file the reply named.*huge\.bin/, 10_000);
    await settle(500);
    expect(harness.sent({ chatId }).map((row) => row.text)).toEqual(["Two files."]);
    expect(harness.logs()).toMatch(
      /not sending a file the reply named.*private\.txt.*outside attachmentRoots/,
    );
    expect(harness.logs()).toMatch(/huge\.bin.*larger than mediaMaxMb \(1 MB\)/);
    expect(fetchedLeft(harness)).toEqual([]);
  }, 30_000);

  it("does not fetch a link into the local network by default, says why, and sends the text", async () => {
    replies = { router: `Your router page.\nMEDIA:${filesBase}/photo.jpg` };
    const harness = await start();
    fileRequests.length = 0;
    const { chatId } = harness.sim.injectInbound({ from: ALICE, text: "router" });
    await harness.waitForSent(1, { chatId, timeoutMs: 15_000 });
    await harness.waitForLog(/not sending a file the reply named.*not on the public internet/, 5_000);
    await settle(500);
    expect(harness.sent({ chatId }).map((row) => row.text)).toEqual(["Your router page."]);
    expect(fileRequests).toEqual([]);
  }, 30_000);

  it("sends no file when the account's Mac cannot be reached to copy it there, says why, and sends the text", async () => {
    const { allowed, picture } = mediaFolders();
    replies = { chart: `The chart.\nMEDIA:${picture}` };
    // No known host key for this address, so ssh refuses it whatever listens there.
    const harness = await start({ attachmentRoots: [allowed], remoteHost: "nobody@127.0.0.1" });
    const { chatId } = harness.sim.injectInbound({ from: ALICE, text: "chart?" });
    await harness.waitForSent(1, { chatId, timeoutMs: 15_000 });
    await harness.waitForLog(
      /not sending a file the reply named.*could not reach nobody@127\.0\.0\.1/,
      15_000,
    );
    await settle(500);
    expect(harness.sent({ chatId }).map((row) => row.text)).toEqual(["The chart."]);
  }, 30_000);

  it.each([
    { source: "a file under attachmentRoots", link: false },
    { source: "a fetched link", link: true },
  ])(
    "does not send $source again after the gateway died while imsg sent it",
    async ({ link }) => {
      const { allowed, picture } = mediaFolders();
      replies = { again: link ? `MEDIA:${filesBase}/photo.jpg` : `MEDIA:${picture}` };
      const control = join(mkdtempSync(join(tmpdir(), "pinch-media-")), "faults.json");
      const harness = await start(
        { attachmentRoots: [allowed], mediaFetchPrivateHosts: true },
        { IMSG_SIM_CONTROL: control },
      );
      const { chatId } = harness.sim.injectInbound({ from: ALICE, text: "hello" });
      await harness.waitForSent(1, { chatId, timeoutMs: 15_000 });
      // The file's send hangs in imsg long enough for the gateway to die in the middle of it.
      writeFaultControl(control, { sendDelayMs: 4_000 });
      harness.sim.injectInbound({ from: ALICE, text: "send it again" });
      await settle(1_500);
      await harness.kill();
      // The orphaned imsg finishes the request it was given before it sees stdin close.
      await waitFor(() => harness.sent({ chatId }).length === 2, 15_000, harness.logs);
      rmSync(control);
      await harness.restart();
      await harness.waitForLog(/an interrupted send had gone through/, 10_000);
      await settle(1_000);
      const sent = harness.sent({ chatId });
      expect(sent.map((row) => row.text)).toEqual(["reply: hello", OBJECT_REPLACEMENT]);
      expect(sent[1]?.attachmentPaths.map((file) => basename(file))).toEqual([
        link ? "photo.jpg" : "chart.png",
      ]);
      await waitFor(
        () => fetchedLeft(harness).length === 0,
        5_000,
        () => fetchedLeft(harness).join(),
      );
    },
    60_000,
  );
});

describe("pinch gateway: threaded replies", () => {
  it("threads the reply under the message it answers when the bridge offers it", async () => {
    replies = { dinner: "[[reply_to_current]] Yes, 7 works." };
    const harness = await start({}, { IMSG_SIM_BRIDGE: "1" });
    const asked = harness.sim.injectInbound({ from: ALICE, text: "dinner at 7?" });
    const [row] = await harness.waitForSent(1, { chatId: asked.chatId, timeoutMs: 15_000 });
    expect(row).toMatchObject({ text: "Yes, 7 works.", threadOriginatorGuid: asked.guid });
  }, 30_000);

  it("threads under the message a [[reply_to:<id>]] tag names", async () => {
    const harness = await start({}, { IMSG_SIM_BRIDGE: "1" });
    const first = harness.sim.injectInbound({ from: ALICE, text: "first question" });
    await harness.waitForSent(1, { chatId: first.chatId, timeoutMs: 15_000 });
    replies = { later: `About your first question: [[reply_to:${first.guid}]] it is settled.` };
    harness.sim.injectInbound({ from: ALICE, text: "later" });
    const sent = await harness.waitForSent(2, { chatId: first.chatId, timeoutMs: 15_000 });
    expect(sent[1]).toMatchObject({
      text: "About your first question: it is settled.",
      threadOriginatorGuid: first.guid,
    });
  }, 30_000);

  it("sends the reply unthreaded when the bridge stopped after imsg started and imsg refuses reply_to", async () => {
    const control = join(mkdtempSync(join(tmpdir(), "pinch-media-")), "faults.json");
    writeFaultControl(control, { bridge: true });
    replies = { dinner: "[[reply_to_current]] Yes, 7 works." };
    const harness = await start({}, { IMSG_SIM_CONTROL: control });
    // The bridge goes away; the gateway learnt it was there at the handshake.
    writeFaultControl(control, { bridge: false });
    const asked = harness.sim.injectInbound({ from: ALICE, text: "dinner at 7?" });
    const [row] = await harness.waitForSent(1, { chatId: asked.chatId, timeoutMs: 15_000 });
    expect(row).toMatchObject({ text: "Yes, 7 works.", threadOriginatorGuid: "" });
    expect(harness.logs()).toContain("imsg refused to thread a reply; sending it unthreaded");
    expect(harness.sim.invalidParamsAnswered().map((record) => record.detail)).toEqual([
      expect.stringMatching(/reply_to requires bridge transport/),
    ]);
    // That refusal was provoked here, not a param Pinch built wrongly: the suite-wide check must not count it.
    rmSync(invalidParamsLogPath(harness.sim.path));
  }, 30_000);

  it("strips the tags and sends unthreaded without the bridge, and imsg refuses nothing", async () => {
    replies = { dinner: "[[reply_to_current]] Yes, 7 works." };
    const harness = await start();
    const asked = harness.sim.injectInbound({ from: ALICE, text: "dinner at 7?" });
    const [row] = await harness.waitForSent(1, { chatId: asked.chatId, timeoutMs: 15_000 });
    expect(row).toMatchObject({ text: "Yes, 7 works.", threadOriginatorGuid: "" });
    expect(harness.sim.invalidParamsAnswered()).toEqual([]);
  }, 30_000);
});
