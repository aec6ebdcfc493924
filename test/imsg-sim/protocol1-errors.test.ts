import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatsListResult, WatchSubscribeResult } from "../../app/imsg/imsg-methods.ts";
import { RpcErrorCode, RpcErrorSchema } from "../../app/imsg/protocol.ts";
import { type Frame, RpcTestClient } from "./rpc-test-client.ts";
import { SimDb } from "./sim-db.ts";

const ALICE = "+15550100001";

function errorOf(frame: Frame) {
  return RpcErrorSchema.parse(frame.error);
}

/** imsg 0.15 refuses every key a method does not document, and every value of the wrong type. */
describe("protocol 1 strict params", () => {
  let db: SimDb;
  let client: RpcTestClient;

  beforeAll(() => {
    db = SimDb.create();
    db.injectInbound({ from: ALICE, text: "hello" });
    client = RpcTestClient.spawn({ dbPath: db.path });
  });

  afterAll(async () => {
    await client.close();
    db.close();
  });

  it.each([
    ["messages.history", { chatId: 1 }, "unknown messages.history param: chatId"],
    ["watch.subscribe", { chatId: 1 }, "unknown watch.subscribe param: chatId"],
    ["chats.list", { limit: 5, verbose: true }, "unknown chats.list param: verbose"],
    ["send", { to: ALICE, text: "hi", chatId: 1 }, "unknown send param: chatId"],
    ["status", { verbose: true }, "unknown status param: verbose"],
    ["chats.list", { limit: "5" }, "limit must be an integer"],
    ["chats.list", { limit: true }, "limit must be an integer"],
    ["chats.list", { limit: 2.5 }, "limit must be an integer"],
    ["chats.list", { limit: null }, "limit must not be null"],
    ["messages.history", { chat_id: 1, attachments: "true" }, "attachments must be a boolean"],
    [
      "messages.history",
      { chat_id: 1, participants: [ALICE, 7] },
      "participants must be an array of strings",
    ],
    ["messages.history", { chat_id: 0 }, "chat_id must be a positive integer"],
    ["messages.history", { limit: 5 }, "chat_id is required"],
    ["messages.history", { chat_id: 1, start: "yesterday" }, "Invalid ISO8601 date: yesterday"],
    ["messages.after", {}, "since_rowid must be a non-negative integer"],
    ["messages.after", { since_rowid: -1 }, "since_rowid must be a non-negative integer"],
    ["messages.after", { since_rowid: 0, limit: 501 }, "limit must be an integer between 1 and 500"],
    ["watch.subscribe", { buffer_limit: 0 }, "buffer_limit must be an integer between 1 and 4096"],
    ["watch.subscribe", { bufferLimit: 4097 }, "buffer_limit must be an integer between 1 and 4096"],
    ["watch.subscribe", { debounce_ms: 5, debounceMs: 5 }, "use only one of debounce_ms, debounceMs"],
    ["watch.subscribe", { debounce_ms: -5 }, "debounce_ms must be a non-negative integer"],
    ["watch.unsubscribe", {}, "subscription is required"],
    ["send", { text: "hi" }, "exactly one of chat_id, chat_identifier, or chat_guid is required"],
    ["send", { to: ALICE, chat_id: 1, text: "hi" }, "use to or exactly one chat selector; not both"],
    [
      "send",
      { chat_id: 1, chat_guid: "x", text: "hi" },
      "exactly one of chat_id, chat_identifier, or chat_guid is required",
    ],
    ["send", { to: ALICE }, "text or file is required"],
    ["send", { to: "", text: "hi" }, "to must be a non-empty string"],
    ["send", { to: ALICE, text: "hi", service: "carrier-pigeon" }, "invalid service"],
    ["send", { to: ALICE, text: "hi", transport: "pigeon" }, "invalid transport"],
    ["send", { chat_id: 9999, text: "hi" }, "unknown chat_id 9999"],
    [
      "send",
      { to: ALICE, text: "hi", reply_to: "GUID" },
      "reply_to requires bridge transport; AppleScript fallback cannot send threaded replies",
    ],
    ["typing", { to: ALICE, typing: "yes" }, "typing must be a boolean"],
    ["read", {}, "exactly one of chat_id, chat_identifier, or chat_guid is required"],
    ["message.send_status", { guid: "  " }, "guid is required"],
    ["initialize", { protocol_version: 2 }, "unsupported protocol_version 2; supported version is 1"],
  ])("answers %s %j with -32602 naming the problem", async (method, params, detail) => {
    expect(errorOf(await client.call(method, params))).toEqual({
      code: RpcErrorCode.invalidParams,
      message: "Invalid params",
      data: detail,
    });
  });

  it.each([
    ["chats.list", { unreadOnly: true }],
    ["watch.subscribe", { debounceMs: 0, bufferLimit: 8 }],
    ["send", { to: ALICE, text: "hi", allowSMSFallback: false, formatting: [] }],
    ["send", { to: ALICE, text: "hi", textFormatting: [], region: "US", service: "auto" }],
  ])("accepts the documented alias in %s %j", async (method, params) => {
    const frame = await client.call(method, params);
    expect(frame).not.toHaveProperty("error");
    expect(frame).toHaveProperty("result");
  });

  it("records every -32602 it answered, for tests to assert the gateway sent no bad key", async () => {
    await client.call("chats.list", { chatId: 3 });
    expect(db.invalidParamsAnswered()).toContainEqual({
      method: "chats.list",
      detail: "unknown chats.list param: chatId",
    });
  });

  it("refuses params that are not an object", async () => {
    client.writeLine('{"jsonrpc":"2.0","id":"arr","method":"chats.list","params":[1]}');
    const frame = await client.waitFor(() => client.frames.find((f) => f.id === "arr"), 5_000, "answer");
    expect(errorOf(frame)).toEqual({
      code: RpcErrorCode.invalidParams,
      message: "Invalid params",
      data: "params must be an object when present",
    });
    expect(db.invalidParamsAnswered()).toContainEqual({
      method: "chats.list",
      detail: "params must be an object when present",
    });
  });
});

describe("protocol 1 framing", () => {
  let client: RpcTestClient;
  let db: SimDb;

  beforeAll(() => {
    db = SimDb.create();
    client = RpcTestClient.spawn({ dbPath: db.path });
  });

  afterAll(async () => {
    await client.close();
    db.close();
  });

  async function rawExchange(line: string, match: (frame: Frame) => boolean): Promise<Frame> {
    client.writeLine(line);
    return client.waitFor(() => client.frames.find(match), 5_000, `answer to ${line}`);
  }

  it("requires jsonrpc to be exactly 2.0", async () => {
    const frame = await rawExchange('{"id":"bare","method":"chats.list"}', (f) => f.id === "bare");
    expect(errorOf(frame)).toEqual({
      code: RpcErrorCode.invalidRequest,
      message: "Invalid Request",
      data: "jsonrpc must be exactly 2.0",
    });
  });

  it("refuses an id that is neither string, number nor null, answering with id null", async () => {
    const frame = await rawExchange(
      '{"jsonrpc":"2.0","id":true,"method":"chats.list"}',
      (f) => f.id === null,
    );
    expect(errorOf(frame)).toMatchObject({ data: "id must be a string, number, or null" });
  });

  it("never answers a notification, not even its errors", async () => {
    const before = client.frames.length;
    client.writeLine('{"jsonrpc":"2.0","method":"chats.list","params":{"chatId":1}}');
    client.writeLine('{"jsonrpc":"2.0","method":"no.such.method"}');
    const marker = await client.call("status", {});
    expect(client.frames.slice(before)).toEqual([marker]);
  });

  it("answers an unknown method with -32601 naming it", async () => {
    expect(errorOf(await client.call("chats.explode", {}))).toEqual({
      code: RpcErrorCode.methodNotFound,
      message: "Method not found",
      data: "chats.explode",
    });
  });

  it("answers a bridge-only method without a running bridge with -32003", async () => {
    expect(errorOf(await client.call("tapback", { message_guid: "X", reaction: "love" }))).toEqual({
      code: RpcErrorCode.bridgeUnavailable,
      message: "Bridge unavailable",
      data: {
        detail: "The bridge is not started. Run imsg launch explicitly before using bridge methods.",
        retryable: true,
      },
    });
  });

  it("keeps answering with valid frames after every refusal", async () => {
    ChatsListResult.parse(await client.request("chats.list", {}));
    WatchSubscribeResult.parse(await client.request("watch.subscribe", {}));
  });
});
