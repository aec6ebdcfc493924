import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ChatsListResult, ImsgStatusSchema } from "../../app/imsg/imsg-methods.ts";
import { RpcErrorCode, RpcErrorSchema } from "../../app/imsg/protocol.ts";
import { type Frame, RpcTestClient } from "./rpc-test-client.ts";
import { SimDb, writeFaultControl } from "./sim-db.ts";

const ALICE = "+15550100001";

function errorOf(frame: Frame) {
  return RpcErrorSchema.parse(frame.error);
}

const running: RpcTestClient[] = [];

function spawn(dbPath: string, env: Record<string, string> = {}): RpcTestClient {
  const client = RpcTestClient.spawn({ dbPath, env });
  running.push(client);
  return client;
}

afterEach(async () => {
  for (const client of running.splice(0)) {
    client.child.kill("SIGKILL");
    await client.exited;
  }
});

describe("a database that is missing or unreadable (protocol 1)", () => {
  it("starts anyway: status says why, database requests answer -32002, and a restored file works without a restart", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "imsg-sim-")), "chat.db");
    const client = spawn(path);
    const status = ImsgStatusSchema.parse(await client.request("initialize", { protocol_version: 1 }));
    expect(status.database).toEqual({
      path,
      ready: false,
      error:
        "The configured Messages database does not exist. Create or copy chat.db at this path, then retry.",
    });
    expect(status.methods).toEqual(
      expect.arrayContaining(["initialize", "status", "send", "typing", "read"]),
    );
    expect(status.methods).not.toContain("chats.list");
    expect(errorOf(await client.call("chats.list", {}))).toEqual({
      code: RpcErrorCode.databaseUnavailable,
      message: "Database unavailable",
      data: { path, detail: status.database.error, retryable: true },
    });
    expect(errorOf(await client.call("watch.subscribe", {})).code).toBe(RpcErrorCode.databaseUnavailable);
    const db = SimDb.create({ path });
    db.injectInbound({ from: ALICE, text: "back" });
    expect(ChatsListResult.parse(await client.request("chats.list", {})).chats).toHaveLength(1);
    expect(client.lines.length).toBe(client.frames.length);
    expect((await client.close()).code).toBe(0);
    db.close();
  });

  it("answers -32002 naming Full Disk Access while dbUnreadable is on, and recovers when it is lifted", async () => {
    const db = SimDb.create();
    const control = join(dirname(db.path), "faults.json");
    writeFaultControl(control, { dbUnreadable: "rpc-error" });
    const client = spawn(db.path, { IMSG_SIM_CONTROL: control });
    const refused = errorOf(await client.call("messages.history", { chat_id: 1 }));
    expect(refused).toMatchObject({
      code: RpcErrorCode.databaseUnavailable,
      data: { path: db.path, retryable: true },
    });
    expect(JSON.stringify(refused.data)).toContain("grant Full Disk Access");
    writeFaultControl(control, {});
    expect(ChatsListResult.parse(await client.request("chats.list", {})).chats).toEqual([]);
    db.close();
  });
});

describe("Server busy", () => {
  it("answers identified requests -32000 while the busy switch is on", async () => {
    const db = SimDb.create();
    const client = spawn(db.path, { IMSG_SIM_BUSY: "true" });
    expect(errorOf(await client.call("chats.list", {}))).toEqual({
      code: RpcErrorCode.serverBusy,
      message: "Server busy",
      data: "outstanding request limit exceeded",
    });
    db.close();
  });

  it("answers only the next N identified requests -32000 when the switch counts", async () => {
    const db = SimDb.create();
    const client = spawn(db.path, { IMSG_SIM_BUSY: "2" });
    const codes = [];
    for (let i = 0; i < 3; i += 1) codes.push((await client.call("status", {})).error ? "busy" : "ok");
    expect(codes).toEqual(["busy", "busy", "ok"]);
    db.close();
  });

  it("refuses requests beyond 128 outstanding, answering every one", async () => {
    const db = SimDb.create();
    const client = spawn(db.path, { IMSG_SIM_SEND_DELAY_MS: "300" });
    const lines = [`{"jsonrpc":"2.0","id":0,"method":"send","params":{"to":"${ALICE}","text":"slow"}}`];
    for (let id = 1; id <= 130; id += 1) lines.push(`{"jsonrpc":"2.0","id":${id},"method":"chats.list"}`);
    client.child.stdin.write(`${lines.join("\n")}\n`);
    const answers = await client.waitFor(
      () => (client.frames.length >= 131 ? client.frames : undefined),
      10_000,
      "131 answers",
    );
    const busy = answers.filter((frame) => (frame.error as { code?: number } | undefined)?.code === -32000);
    expect(busy.map((frame) => frame.id)).toEqual([128, 129, 130]);
    db.close();
  });

  it("refuses a 65th subscription", async () => {
    const db = SimDb.create();
    const client = spawn(db.path);
    for (let i = 0; i < 64; i += 1) await client.request("watch.subscribe", {});
    expect(errorOf(await client.call("watch.subscribe", {}))).toEqual({
      code: RpcErrorCode.serverBusy,
      message: "Server busy",
      data: "subscription limit exceeded",
    });
    db.close();
  });
});

describe("the bridge switch", () => {
  it("reports a running bridge and lists bridge-only methods as usable", async () => {
    const db = SimDb.create();
    const client = spawn(db.path, { IMSG_SIM_BRIDGE: "1" });
    const status = ImsgStatusSchema.parse(await client.request("status"));
    expect(status.bridge).toMatchObject({ ready: true, v2_ready: true });
    expect(status.methods).toEqual(expect.arrayContaining(["tapback", "send.rich", "typing"]));
    expect(status.capabilities?.features).toEqual({ "tapback.emoji": 2 });
    db.close();
  });

  it("sends a threaded reply through the bridge to an existing chat", async () => {
    const db = SimDb.create();
    const parent = db.injectInbound({ from: ALICE, text: "lunch?" });
    const client = spawn(db.path, { IMSG_SIM_BRIDGE: "1" });
    const result = await client.request("send", { to: ALICE, text: "yes!", reply_to: parent.guid });
    expect(result).toMatchObject({ ok: true, transport: "bridge", chat_guid: `iMessage;-;${ALICE}` });
    const { messages } = (await client.request("messages.history", { chat_id: parent.chatId, limit: 1 })) as {
      messages: Frame[];
    };
    expect(messages[0]).toMatchObject({ text: "yes!", reply_to_guid: parent.guid, reply_to_text: "lunch?" });
    db.close();
  });
});
