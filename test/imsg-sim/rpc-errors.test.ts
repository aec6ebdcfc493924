import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RpcErrorCode, RpcErrorSchema } from "../../app/imsg/protocol.ts";
import { type Frame, RpcTestClient } from "./rpc-test-client.ts";
import { imsgShimPath, SimDb } from "./sim-db.ts";

function errorOf(frame: Frame) {
  return RpcErrorSchema.parse(frame.error);
}

describe("JSON-RPC errors, as imsg 0.9 answers them", () => {
  let db: SimDb;
  let client: RpcTestClient;

  beforeAll(() => {
    db = SimDb.create();
    db.injectInbound({ from: "+15550100001", text: "hello" });
    client = RpcTestClient.spawn({ dbPath: db.path, protocol: "legacy" });
  });

  afterAll(async () => {
    await client.close();
    db.close();
  });

  async function rawExchange(line: string, match: (frame: Frame) => boolean): Promise<Frame> {
    client.writeLine(line);
    return client.waitFor(() => client.frames.find(match), 5_000, `answer to ${line}`);
  }

  it("answers a line that is not JSON with -32700 and id null", async () => {
    const frame = await rawExchange("this is not json", (f) => f.id === null && "error" in f);
    expect(errorOf(frame)).toMatchObject({ code: RpcErrorCode.parseError, message: "Parse error" });
  });

  it("answers a JSON value that is not an object with -32600", async () => {
    const frame = await rawExchange("[1,2,3]", (f) => f.id === null && errorOf(f).code === -32600);
    expect(errorOf(frame)).toMatchObject({ message: "Invalid Request", data: "request must be an object" });
  });

  it("answers a request without a method with -32600 and its id", async () => {
    const frame = await rawExchange('{"jsonrpc":"2.0","id":"no-method"}', (f) => f.id === "no-method");
    expect(errorOf(frame)).toMatchObject({ code: RpcErrorCode.invalidRequest, data: "method is required" });
  });

  it("answers another JSON-RPC version with -32600", async () => {
    const frame = await rawExchange('{"jsonrpc":"1.0","id":77,"method":"chats.list"}', (f) => f.id === 77);
    expect(errorOf(frame)).toMatchObject({ code: RpcErrorCode.invalidRequest, data: "jsonrpc must be 2.0" });
  });

  it("answers an unknown method with -32601 naming the method", async () => {
    const frame = await client.call("chats.explode", {});
    expect(errorOf(frame)).toMatchObject({ code: RpcErrorCode.methodNotFound, data: "chats.explode" });
  });

  it.each(["initialize", "status", "messages.after", "typing", "read"])(
    "answers %s with -32601, as imsg 0.9 has no such method",
    async (method) => {
      expect(errorOf(await client.call(method, {}))).toMatchObject({
        code: RpcErrorCode.methodNotFound,
        data: method,
      });
    },
  );

  it.each([
    ["messages.history", { limit: 5 }, "chat_id is required"],
    ["watch.unsubscribe", {}, "subscription is required"],
    ["watch.subscribe", { debounce_ms: -5 }, "debounce_ms must be a non-negative integer"],
    ["send", { text: "hi" }, "to is required for direct sends"],
    ["send", { to: "+15550100001" }, "text or file is required"],
    ["send", { to: "+15550100001", chat_id: 1, text: "hi" }, "use to or chat_*; not both"],
    ["send", { to: "+15550100001", text: "hi", service: "carrier-pigeon" }, "invalid service"],
    ["send", { chat_id: 9999, text: "hi" }, "unknown chat_id 9999"],
  ])("answers %s with bad params %j with -32602 and the detail in data", async (method, params, detail) => {
    const frame = await client.call(method, params);
    expect(errorOf(frame)).toEqual({
      code: RpcErrorCode.invalidParams,
      message: "Invalid params",
      data: detail,
    });
  });

  it("answers a malformed ISO date with -32603, as imsg does", async () => {
    const frame = await client.call("messages.history", { chat_id: 1, start: "yesterday" });
    expect(errorOf(frame)).toMatchObject({
      code: RpcErrorCode.internalError,
      data: "Invalid ISO8601 date: yesterday",
    });
  });

  it("sends no response to a successful notification", async () => {
    const framesBefore = client.frames.length;
    client.writeLine('{"jsonrpc":"2.0","method":"chats.list","params":{"limit":1}}');
    const marker = await client.call("chats.list", { limit: 1 });
    expect(client.frames.slice(framesBefore)).toEqual([marker]);
  });

  it("accepts numeric params sent as strings, as imsg does", async () => {
    const result = (await client.request("chats.list", { limit: "1" })) as { chats: unknown[] };
    expect(result.chats).toHaveLength(1);
  });
});

describe("a database that cannot be opened, as imsg 0.9 reports it", () => {
  it("answers every request with -32603 and the Full Disk Access banner", async () => {
    const missing = join(mkdtempSync(join(tmpdir(), "imsg-sim-")), "nowhere", "chat.db");
    const client = RpcTestClient.spawn({ dbPath: missing, protocol: "legacy" });
    const first = errorOf(await client.call("chats.list", { limit: 1 }));
    const second = errorOf(await client.call("watch.subscribe", {}));
    expect(first).toMatchObject({ code: RpcErrorCode.internalError, message: "Internal error" });
    expect(String(first.data)).toContain("requires Full Disk Access permission");
    expect(String(first.data)).toContain(missing);
    expect(second.data).toBe(first.data);
    expect((await client.close()).code).toBe(1);
  });
});

describe("process lifetime", () => {
  it("exits 0 when stdin closes, though a watch is still open", async () => {
    const db = SimDb.create();
    const client = RpcTestClient.spawn({ dbPath: db.path });
    await client.request("watch.subscribe", { debounce_ms: 0 });
    // A child that kept running for its watch would never resolve this: the test's timeout says so.
    const status = await client.close();
    expect(status.code).toBe(0);
    db.close();
  });

  it("survives a reader that closed stdout and exits quietly", async () => {
    const db = SimDb.create();
    const child = spawn(imsgShimPath(), ["rpc", "--db", db.path], { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.destroy();
    for (let i = 0; i < 20; i += 1) child.stdin.write(`{"jsonrpc":"2.0","id":${i},"method":"chats.list"}\n`);
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|Unhandled|Error:/);
    db.close();
  });
});
