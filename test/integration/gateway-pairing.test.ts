import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { type GatewayHarness, PINCH_BIN, settle, startGateway } from "./gateway-harness.ts";

let gateway: GatewayHarness | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

function pinch(harness: GatewayHarness, ...args: string[]) {
  const result = spawnSync(
    process.execPath,
    [PINCH_BIN, ...args, "--config", harness.configPath, "--state-dir", harness.stateDir],
    { encoding: "utf8" },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function codeIn(text: string): string {
  const match = /Pairing code: ([A-Z2-9]{8})/.exec(text);
  if (!match?.[1]) throw new Error(`no pairing code in ${JSON.stringify(text)}`);
  return match[1];
}

describe("pinch gateway: pairing", () => {
  it("gives an unknown sender one code per live request, naming their id", async () => {
    gateway = await startGateway();
    gateway.sim.injectInbound({ from: "+15555550123", text: "hi" });
    const [reply] = await gateway.waitForSent(1);
    expect(reply?.text).toMatch(/Pairing code: [ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{8}/);
    expect(reply?.text).toContain("+15555550123");
    gateway.sim.injectInbound({ from: "+15555550123", text: "hello??" });
    await settle();
    expect(gateway.sent()).toHaveLength(1);
  });

  it("answers the sender's next message after a CLI approval, without a restart", async () => {
    gateway = await startGateway();
    gateway.sim.injectInbound({ from: "+15555550123", text: "hi" });
    const code = codeIn((await gateway.waitForSent(1))[0]?.text ?? "");
    const listed = pinch(gateway, "pairing", "list", "imessage", "--json");
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).requests[0].code).toBe(code);
    const approved = pinch(gateway, "pairing", "approve", "imessage", code.toLowerCase());
    expect(approved.code).toBe(0);
    gateway.sim.injectInbound({ from: "+15555550123", text: "now?" });
    const sent = await gateway.waitForSent(3);
    // The held first message is answered first, then the new one.
    expect(sent.slice(1).map((row) => row.text)).toEqual(["echo: hi", "echo: now?"]);
  });

  it("answers the first message a stranger wrote, once, when they are approved", async () => {
    gateway = await startGateway();
    gateway.sim.injectInbound({ from: "+15555550123", text: "is this Sam's assistant?" });
    const code = codeIn((await gateway.waitForSent(1))[0]?.text ?? "");
    expect(pinch(gateway, "pairing", "approve", "imessage", code).code).toBe(0);
    const sent = await gateway.waitForSent(2);
    expect(sent[1]?.text).toBe("echo: is this Sam's assistant?");
    await settle(600);
    expect(gateway.sent()).toHaveLength(2);
    // The pairing file no longer holds it.
    const listed = JSON.parse(pinch(gateway, "pairing", "list", "imessage", "--json").stdout);
    expect(listed.requests).toEqual([]);
  });

  it("answers the held first message after a gateway killed between the request and the approval", async () => {
    gateway = await startGateway();
    gateway.sim.injectInbound({ from: "+15555550123", text: "first words" });
    const code = codeIn((await gateway.waitForSent(1))[0]?.text ?? "");
    await gateway.kill();
    expect(pinch(gateway, "pairing", "approve", "imessage", code, "--notify").code).toBe(0);
    await gateway.restart();
    const sent = await gateway.waitForSent(3, { timeoutMs: 20_000 });
    expect(sent[1]?.text).toMatch(/approved/i);
    expect(sent[2]?.text).toBe("echo: first words");
    await settle(600);
    expect(gateway.sent()).toHaveLength(3);
    // A second restart answers nothing again.
    await gateway.stop();
    await gateway.restart();
    await settle(600);
    expect(gateway.sent()).toHaveLength(3);
  }, 120_000);

  it("keeps the stranger's first message out of the log", async () => {
    gateway = await startGateway();
    gateway.sim.injectInbound({ from: "+15555550123", text: "my secret words" });
    const code = codeIn((await gateway.waitForSent(1))[0]?.text ?? "");
    expect(pinch(gateway, "pairing", "approve", "imessage", code).code).toBe(0);
    await gateway.waitForSent(2);
    await gateway.waitForLog(/answering an approved sender's first message/);
    expect(gateway.logs()).not.toContain("my secret words");
  });

  it("tells the sender when approved with --notify", async () => {
    gateway = await startGateway();
    gateway.sim.injectInbound({ from: "+15555550123", text: "hi" });
    const code = codeIn((await gateway.waitForSent(1))[0]?.text ?? "");
    expect(pinch(gateway, "pairing", "approve", "imessage", code, "--notify").code).toBe(0);
    const sent = await gateway.waitForSent(3);
    expect(sent[1]?.text).toMatch(/approved/i);
    expect(sent[2]?.text).toBe("echo: hi");
  });

  it("refuses an unknown code with a non-zero exit", async () => {
    gateway = await startGateway();
    const result = pinch(gateway, "pairing", "approve", "imessage", "ZZZZZZZZ");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("No pending pairing request");
  });

  it("gives a fourth unknown sender the slot of the oldest request, and stops at ten new codes an hour", async () => {
    gateway = await startGateway();
    const harness = gateway;
    const senders = Array.from({ length: 11 }, (_, index) => `+155555500${String(index + 10)}`);
    const requests = () =>
      JSON.parse(pinch(harness, "pairing", "list", "imessage", "--json").stdout).requests as {
        sender: string;
        createdAt: number;
      }[];
    const pending = () =>
      requests()
        .map((request) => request.sender)
        .sort();
    for (const sender of senders.slice(0, 3)) harness.sim.injectInbound({ from: sender, text: "hi" });
    await harness.waitForSent(3);
    const oldest = requests().sort((a, b) => a.createdAt - b.createdAt)[0]?.sender;
    harness.sim.injectInbound({ from: senders[3] as string, text: "hi" });
    await harness.waitForSent(4);
    await harness.waitForLog(/a pending pairing request made room for a newer one/);
    expect(pending()).toEqual(senders.slice(0, 4).filter((sender) => sender !== oldest));
    // Ten codes in all this hour; the eleventh sender gets none, and the status says so.
    for (const sender of senders.slice(4)) harness.sim.injectInbound({ from: sender, text: "hi" });
    await harness.waitForSent(10);
    await harness.waitForLog(/no pairing code for an unknown sender: too many new requests this hour/);
    await settle();
    expect(harness.sent()).toHaveLength(10);
    expect(pending()).toHaveLength(3);
    const status = spawnSync(process.execPath, [PINCH_BIN, "status", "--state-dir", harness.stateDir], {
      encoding: "utf8",
    });
    expect(status.stdout).toMatch(
      / {2}1 unknown senders got no pairing code: too many new requests in an hour/,
    );
  });

  it("records a request but sends nothing with unpairedResponse silent", async () => {
    gateway = await startGateway({ imessage: { unpairedResponse: "silent" } });
    gateway.sim.injectInbound({ from: "+15555550123", text: "hi" });
    await gateway.waitForLog(/new pairing request/);
    await settle();
    expect(gateway.sent()).toHaveLength(0);
    expect(JSON.parse(pinch(gateway, "pairing", "list", "imessage", "--json").stdout).requests).toHaveLength(
      1,
    );
  });

  it("dismisses a request so the code no longer works", async () => {
    gateway = await startGateway();
    gateway.sim.injectInbound({ from: "+15555550123", text: "hi" });
    const code = codeIn((await gateway.waitForSent(1))[0]?.text ?? "");
    expect(pinch(gateway, "pairing", "dismiss", "imessage", code).code).toBe(0);
    expect(pinch(gateway, "pairing", "approve", "imessage", code).code).toBe(1);
  });
});
