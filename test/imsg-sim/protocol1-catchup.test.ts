import { afterEach, describe, expect, it } from "vitest";
import { MessagesAfterResult, WatchSubscribeResult } from "../../app/imsg/imsg-methods.ts";
import { WatchOverflowParams } from "../../app/imsg/protocol.ts";
import { RpcTestClient } from "./rpc-test-client.ts";
import { SimDb, URL_PREVIEW_BUNDLE_ID } from "./sim-db.ts";

const ALICE = "+15550100001";
const BOB = "+15550100002";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const opened: { db: SimDb; client: RpcTestClient }[] = [];

function start(env: Record<string, string> = {}): { db: SimDb; client: RpcTestClient } {
  const db = SimDb.create();
  const client = RpcTestClient.spawn({ dbPath: db.path, env });
  opened.push({ db, client });
  return { db, client };
}

afterEach(async () => {
  for (const { db, client } of opened.splice(0)) {
    await client.close();
    db.close();
  }
});

describe("messages.after", () => {
  it("pages in rowid order, with next_rowid as the physical cursor passing a folded link preview", async () => {
    const { db, client } = start();
    const link = db.injectInbound({ from: ALICE, text: "trail map https://example.com/map" });
    const preview = db.injectInbound({
      from: ALICE,
      text: "https://example.com/map",
      balloonBundleId: URL_PREVIEW_BUNDLE_ID,
    });
    const last = db.injectInbound({ from: BOB, text: "thanks" });
    const first = MessagesAfterResult.parse(
      await client.request("messages.after", { since_rowid: 0, limit: 1 }),
    );
    expect(first.messages.map((message) => message.id)).toEqual([link.rowid]);
    expect(first.messages[0]).toMatchObject({ url_preview: { id: preview.rowid } });
    expect(first).toMatchObject({ next_rowid: preview.rowid, has_more: true });
    const second = MessagesAfterResult.parse(
      await client.request("messages.after", { since_rowid: first.next_rowid, limit: 1 }),
    );
    expect(second).toMatchObject({ messages: [{ id: last.rowid, text: "thanks" }], next_rowid: last.rowid });
    expect(second.has_more).toBe(false);
  });

  it("returns an empty last page that still moves the cursor past a preview whose text was already read", async () => {
    const { db, client } = start();
    const link = db.injectInbound({ from: ALICE, text: "https://example.com/x" });
    const preview = db.injectInbound({
      from: ALICE,
      text: "https://example.com/x",
      balloonBundleId: URL_PREVIEW_BUNDLE_ID,
    });
    const page = MessagesAfterResult.parse(
      await client.request("messages.after", { since_rowid: link.rowid }),
    );
    expect(page).toEqual({ messages: [], next_rowid: preview.rowid, has_more: false });
  });

  it("stays within one chat when asked, and includes tapbacks only with include_reactions", async () => {
    const { db, client } = start();
    const hello = db.injectInbound({ from: ALICE, text: "hello" });
    db.injectInbound({ from: BOB, text: "elsewhere" });
    db.injectReaction({ from: ALICE, targetGuid: hello.guid, kind: "love" });
    const plain = MessagesAfterResult.parse(
      await client.request("messages.after", { since_rowid: 0, chat_id: hello.chatId }),
    );
    expect(plain.messages.map((message) => message.text)).toEqual(["hello"]);
    const withReactions = MessagesAfterResult.parse(
      await client.request("messages.after", {
        since_rowid: 0,
        chat_id: hello.chatId,
        include_reactions: true,
      }),
    );
    expect(withReactions.messages[1]).toMatchObject({
      is_reaction: true,
      reaction_type: "love",
      reacted_to_guid: hello.guid,
    });
  });
});

describe("watch.subscribe in protocol 1", () => {
  it("replays from the first row with since_rowid -1", async () => {
    const { db, client } = start();
    db.injectInbound({ from: ALICE, text: "first ever" });
    const { subscription } = WatchSubscribeResult.parse(
      await client.request("watch.subscribe", { since_rowid: -1, debounce_ms: 0 }),
    );
    const [first] = await client.waitForMessages(1, subscription);
    expect(first?.text).toBe("first ever");
  });

  it("emits a link and its preview as one message", async () => {
    const { db, client } = start();
    const { subscription } = WatchSubscribeResult.parse(
      await client.request("watch.subscribe", { debounce_ms: 100 }),
    );
    db.batch(() => {
      db.injectInbound({ from: ALICE, text: "https://example.com/a" });
      db.injectInbound({
        from: ALICE,
        text: "https://example.com/a",
        balloonBundleId: URL_PREVIEW_BUNDLE_ID,
      });
      db.injectInbound({ from: ALICE, text: "after the link" });
    });
    const messages = await client.waitForMessages(2, subscription);
    await sleep(200);
    expect(client.messages(subscription).map((message) => message.text)).toEqual([
      "https://example.com/a",
      "after the link",
    ]);
    expect(messages[0]?.url_preview).toBeDefined();
  });

  it("drains buffer_limit rows, then ends with one terminal watch.overflow and nothing more", async () => {
    const { db, client } = start();
    const { subscription, buffer_limit } = WatchSubscribeResult.parse(
      await client.request("watch.subscribe", { debounce_ms: 0, buffer_limit: 2 }),
    );
    expect(buffer_limit).toBe(2);
    const rows = db.batch(() =>
      [1, 2, 3, 4, 5].map((n) => db.injectInbound({ from: ALICE, text: `burst ${n}` })),
    );
    const overflow = await client.waitFor(
      () => client.notificationsOf("watch.overflow")[0],
      3_000,
      "an overflow",
    );
    const { resume_after_rowid } = WatchOverflowParams.parse(overflow.params);
    expect(overflow.params).toEqual({
      subscription,
      resume_after_rowid: rows[1]?.rowid,
      reason: "buffer_limit_exceeded",
      terminal: true,
    });
    expect(client.messages(subscription).map((message) => message.text)).toEqual(["burst 1", "burst 2"]);
    db.injectInbound({ from: ALICE, text: "too late" });
    await client.request("chats.list", {});
    await sleep(100);
    expect(client.messages(subscription)).toHaveLength(2);
    expect(client.notificationsOf("error")).toEqual([]);
    const resumed = MessagesAfterResult.parse(
      await client.request("messages.after", { since_rowid: resume_after_rowid }),
    );
    expect(resumed.messages.map((message) => message.text)).toEqual([
      "burst 3",
      "burst 4",
      "burst 5",
      "too late",
    ]);
  });

  it("caps every subscription at the bufferLimit switch, whatever it asked for", async () => {
    const { db, client } = start({ IMSG_SIM_BUFFER_LIMIT: "1" });
    const result = WatchSubscribeResult.parse(
      await client.request("watch.subscribe", { debounce_ms: 0, buffer_limit: 100 }),
    );
    expect(result.buffer_limit).toBe(1);
    db.batch(() => {
      db.injectInbound({ from: ALICE, text: "one" });
      db.injectInbound({ from: ALICE, text: "two" });
    });
    await client.waitFor(() => client.notificationsOf("watch.overflow")[0], 3_000, "an overflow");
    expect(client.messages(result.subscription).map((message) => message.text)).toEqual(["one"]);
  });
});
