import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { RpcTestClient } from "./rpc-test-client.ts";
import { type FaultConfig, imsgShimPath, LEGACY_IMSG_ENV, SimDb, writeFaultControl } from "./sim-db.ts";

const ALICE = "+15550100001";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Running {
  db: SimDb;
  client: RpcTestClient;
  control: string;
  setFaults: (faults: FaultConfig) => void;
}

const running: Running[] = [];

function start(env: Record<string, string> = {}): Running {
  const db = SimDb.create();
  const control = join(dirname(db.path), "faults.json");
  const client = RpcTestClient.spawn({ dbPath: db.path, env: { IMSG_SIM_CONTROL: control, ...env } });
  const run = { db, client, control, setFaults: (faults: FaultConfig) => writeFaultControl(control, faults) };
  running.push(run);
  return run;
}

async function subscribe(client: RpcTestClient): Promise<number> {
  const result = (await client.request("watch.subscribe", { debounce_ms: 0 })) as { subscription: number };
  return result.subscription;
}

afterEach(async () => {
  for (const { db, client } of running.splice(0)) {
    client.child.kill("SIGKILL");
    await client.exited;
    db.close();
  }
});

describe("fault switches", () => {
  it("dbUnreadable, as imsg 0.9, answers every request with the Full Disk Access error", async () => {
    const { client } = start({ ...LEGACY_IMSG_ENV, IMSG_SIM_DB_UNREADABLE: "1" });
    const frame = await client.call("chats.list", { limit: 1 });
    expect(frame.error).toMatchObject({ code: -32603, message: "Internal error" });
    expect(String((frame.error as { data: string }).data)).toMatch(
      /authorization denied[\s\S]*Full Disk Access/,
    );
  });

  it("dbUnreadable plain-text prints the banner on stdout and exits 1, like imsg before 0.8.2", async () => {
    const { client } = start({ ...LEGACY_IMSG_ENV, IMSG_SIM_DB_UNREADABLE: "plain-text" });
    const status = await client.exited;
    expect(status.code).toBe(1);
    expect(client.lines.join("\n")).toContain("Permission Error: Cannot access Messages database");
    expect(client.frames).toEqual([]);
  });

  it("crashAfterNotifications exits non-zero right after the Nth notification", async () => {
    const { db, client } = start({ IMSG_SIM_CRASH_AFTER: "2", IMSG_SIM_CRASH_EXIT_CODE: "70" });
    await subscribe(client);
    for (const text of ["one", "two", "three"]) db.injectInbound({ from: ALICE, text });
    const status = await client.exited;
    expect(status.code).toBe(70);
    expect(client.messages().map((message) => message.text)).toEqual(["one", "two"]);
  });

  it("garbageLine once puts one non-JSON line first", async () => {
    const { client } = start({ IMSG_SIM_GARBAGE: "once" });
    await client.request("chats.list", {});
    expect(client.lines[0]).toMatch(/not JSON|non-JSON/);
    expect(client.lines.length - client.frames.length).toBe(1);
  });

  it("garbageLine N puts a non-JSON line before every Nth frame", async () => {
    const { client } = start({ IMSG_SIM_GARBAGE: "2" });
    for (let i = 0; i < 4; i += 1) await client.request("chats.list", {});
    expect(client.lines.length - client.frames.length).toBe(2);
  });

  it("splitFrames delivers each frame in several writes, cutting through a multi-byte character", async () => {
    const db = SimDb.create();
    db.injectInbound({ from: ALICE, text: "héllo 🦞" });
    const child = spawn(imsgShimPath(), ["rpc", "--db", db.path], {
      env: { ...process.env, IMSG_SIM_SPLIT_FRAMES: "4" },
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stdin.write('{"jsonrpc":"2.0","id":1,"method":"messages.history","params":{"chat_id":1}}\n');
    while (!Buffer.concat(chunks).includes("\n")) await sleep(10);
    child.stdin.end();
    await new Promise((resolve) => child.on("exit", resolve));
    db.close();
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    const strictDecode = (chunk: Buffer) => new TextDecoder("utf-8", { fatal: true }).decode(chunk);
    expect(chunks.some((chunk) => !canRun(() => strictDecode(chunk)))).toBe(true);
    const frame = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    expect(frame.result.messages[0].text).toBe("héllo 🦞");
  });

  it("stall, flipped on a running process, holds answers and notifications until lifted", async () => {
    const { db, client, setFaults } = start();
    const subscription = await subscribe(client);
    setFaults({ stall: true });
    await sleep(60);
    db.injectInbound({ from: ALICE, text: "during the stall" });
    const pending = client.request("chats.list", { limit: 1 });
    await sleep(300);
    expect(client.messages(subscription)).toEqual([]);
    expect(client.exitStatus).toBeUndefined();
    setFaults({});
    await expect(pending).resolves.toBeDefined();
    await client.waitForMessages(1, subscription);
  });

  it("stallAfterNotifications goes silent after N notifications and ignores stdin EOF", async () => {
    const { db, client } = start({ IMSG_SIM_STALL_AFTER: "1" });
    const subscription = await subscribe(client);
    db.injectInbound({ from: ALICE, text: "one" });
    db.injectInbound({ from: ALICE, text: "two" });
    await client.waitForMessages(1, subscription);
    client.closeStdin();
    await sleep(300);
    expect(client.messages(subscription)).toHaveLength(1);
    expect(client.exitStatus).toBeUndefined();
  });

  it("sendDelayMs slows a send down", async () => {
    const { client } = start({ IMSG_SIM_SEND_DELAY_MS: "250" });
    const began = Date.now();
    await client.request("send", { to: ALICE, text: "slow" });
    expect(Date.now() - began).toBeGreaterThanOrEqual(240);
  });

  it("automationDenied fails a send with the AppleEvents -1743 text and writes nothing", async () => {
    const { db, client } = start({ IMSG_SIM_AUTOMATION_DENIED: "1" });
    const frame = await client.call("send", { to: ALICE, text: "denied" });
    expect(frame.error).toMatchObject({ code: -32603 });
    const data = String((frame.error as { data: string }).data);
    expect(data).toContain("Not authorized to send Apple events to Messages.");
    expect(data).toContain("-1743");
    expect(db.sentMessages()).toEqual([]);
  });

  it("unknownNotification sends a notification method no client knows", async () => {
    const { client } = start({ IMSG_SIM_UNKNOWN_NOTIFICATION: "once" });
    await client.request("chats.list", {});
    expect(client.notificationsOf("sim.unknown")).toHaveLength(1);
  });

  it("hugeLine writes one 5 MB line", async () => {
    const { client } = start({ IMSG_SIM_HUGE_LINE: "once" });
    await client.request("chats.list", {});
    const huge = client.frames.find((frame) => frame.method === "sim.huge");
    expect(client.lines[0]?.length).toBeGreaterThanOrEqual(5 * 1024 * 1024);
    expect(huge).toBeDefined();
  });

  it("watchError ends each subscription with imsg's error notification", async () => {
    const { db, client, setFaults } = start();
    const subscription = await subscribe(client);
    setFaults({ watchError: "once" });
    const [failure] = await client.waitFor(
      () => (client.notificationsOf("error").length > 0 ? client.notificationsOf("error") : undefined),
      2_000,
      "an error notification",
    );
    expect(failure?.params).toMatchObject({ subscription, error: { message: expect.any(String) } });
    db.injectInbound({ from: ALICE, text: "nobody is listening" });
    await client.request("chats.list", {});
    await sleep(100);
    expect(client.messages()).toEqual([]);
  });

  it("control file changes are picked up by a running process", async () => {
    const { client, setFaults } = start();
    await client.request("chats.list", {});
    setFaults({ garbageLine: "once" });
    await client.waitFor(
      () => (client.lines.length > client.frames.length ? true : undefined),
      2_000,
      "garbage",
    );
    expect(client.lines.at(-1)).toMatch(/non-JSON/);
  });
});

function canRun(work: () => unknown): boolean {
  try {
    work();
    return true;
  } catch {
    return false;
  }
}
