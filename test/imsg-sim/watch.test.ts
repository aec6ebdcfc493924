import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { RpcTestClient } from "./rpc-test-client.ts";
import { SimDb } from "./sim-db.ts";

const ALICE = "+15550100001";
const BOB = "+15550100002";

const open: { db: SimDb; client: RpcTestClient }[] = [];

afterEach(async () => {
  for (const { db, client } of open.splice(0)) {
    await client.close();
    db.close();
  }
});

// The watch behaves alike in imsg 0.9 and 0.15 for everything below.
describe.each(["protocol1", "legacy"] as const)("watch.subscribe (%s)", (protocol) => {
  function start(setup?: (db: SimDb) => void): { db: SimDb; client: RpcTestClient } {
    const db = SimDb.create();
    setup?.(db);
    const client = RpcTestClient.spawn({ dbPath: db.path, protocol });
    open.push({ db, client });
    return { db, client };
  }

  async function subscribe(client: RpcTestClient, params: Record<string, unknown> = {}): Promise<number> {
    const result = (await client.request("watch.subscribe", { debounce_ms: 0, ...params })) as {
      subscription: number;
    };
    return result.subscription;
  }

  it("starts after the newest row when since_rowid is absent", async () => {
    const { db, client } = start((db) => db.injectInbound({ from: ALICE, text: "old" }));
    const subscription = await subscribe(client);
    const fresh = db.injectInbound({ from: ALICE, text: "new" });
    const [first] = await client.waitForMessages(1, subscription);
    expect(first?.id).toBe(fresh.rowid);
    expect(client.messages(subscription)).toHaveLength(1);
  });

  it("treats since_rowid as exclusive and replays everything after it", async () => {
    let cursor = 0;
    const { client } = start((db) => {
      cursor = db.injectInbound({ from: ALICE, text: "one" }).rowid;
      db.injectInbound({ from: ALICE, text: "two" });
      db.injectInbound({ from: BOB, text: "three" });
    });
    const subscription = await subscribe(client, { since_rowid: cursor });
    const replayed = await client.waitForMessages(2, subscription);
    expect(replayed.map((message) => message.text)).toEqual(["two", "three"]);
  });

  it("treats since_rowid 0 like no cursor at all, as imsg does", async () => {
    const { db, client } = start((db) => db.injectInbound({ from: ALICE, text: "before" }));
    const subscription = await subscribe(client, { since_rowid: 0 });
    db.injectInbound({ from: ALICE, text: "after" });
    const [first] = await client.waitForMessages(1, subscription);
    expect(first?.text).toBe("after");
  });

  it("answers the subscribe request before the first notification", async () => {
    let cursor = 0;
    const { client } = start((db) => {
      cursor = db.injectInbound({ from: ALICE, text: "seen" }).rowid;
      db.injectInbound({ from: ALICE, text: "backlog" });
    });
    const subscription = await subscribe(client, { since_rowid: cursor });
    await client.waitForMessages(1, subscription);
    const responseIndex = client.frames.findIndex((frame) => "result" in frame);
    const notificationIndex = client.frames.findIndex((frame) => frame.method === "message");
    expect(responseIndex).toBeLessThan(notificationIndex);
  });

  it("delivers rows from concurrent writers exactly once and in rowid order", async () => {
    const { db, client } = start();
    // imsg 0.15 would end a watch that finds more than 256 rows waiting in one read (see the overflow tests).
    const subscription = await subscribe(client, protocol === "legacy" ? {} : { buffer_limit: 4096 });
    const chats = Array.from({ length: 20 }, (_, index) =>
      db.dm(`+1555020${String(index).padStart(4, "0")}`),
    );
    const writer = spawn(process.execPath, [
      "--input-type=module",
      "-e",
      `const { SimDb } = await import(${JSON.stringify(new URL("./sim-db.ts", import.meta.url).href)});
       const db = SimDb.open(${JSON.stringify(db.path)});
       for (let i = 0; i < 150; i += 1) db.injectInbound({ from: "+15550300000", text: "other " + i });
       db.close();`,
    ]);
    for (let i = 0; i < 150; i += 1) {
      const chat = chats[i % chats.length];
      if (chat) db.injectInbound({ from: chat.identifier, chat, text: `mine ${i}` });
    }
    await new Promise((resolve) => writer.on("exit", resolve));
    const received = await client.waitForMessages(300, subscription, 10_000);
    const ids = received.map((message) => message.id as number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(300);
    expect(received.filter((message) => String(message.text).startsWith("mine"))).toHaveLength(150);
  });

  it("filters by chat_id", async () => {
    const { db, client } = start();
    const bobChat = db.dm(BOB);
    const subscription = await subscribe(client, { chat_id: bobChat.id });
    db.injectInbound({ from: ALICE, text: "not for this watch" });
    db.injectInbound({ from: BOB, text: "for this watch" });
    const [first] = await client.waitForMessages(1, subscription);
    expect(first).toMatchObject({ chat_id: bobChat.id, text: "for this watch" });
  });

  it("leaves tapbacks out unless include_reactions is set", async () => {
    const { db, client } = start();
    const plain = await subscribe(client);
    const withReactions = await subscribe(client, { include_reactions: true });
    const target = db.injectInbound({ from: ALICE, text: "nice" });
    db.injectReaction({ from: ALICE, targetGuid: target.guid, kind: "love" });
    db.injectInbound({ from: ALICE, text: "after the tapback" });
    await client.waitForMessages(3, withReactions);
    await client.waitForMessages(2, plain);
    expect(client.messages(plain).map((message) => message.text)).toEqual(["nice", "after the tapback"]);
    expect(client.messages(withReactions)[1]).toMatchObject({ is_reaction: true, reaction_type: "love" });
  });

  it("leaves attachment details out unless attachments is set", async () => {
    const { db, client } = start();
    const subscription = await subscribe(client);
    db.injectInbound({ from: ALICE, attachments: ["/nonexistent/photo.jpeg"] });
    const [message] = await client.waitForMessages(1, subscription);
    expect(message?.attachments).toEqual([]);
  });

  it("waits out the debounce before reading new rows", async () => {
    const { db, client } = start();
    const subscription = await subscribe(client, { debounce_ms: 300 });
    // The first read right after subscribing is not debounced; let it pass before writing.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const written = Date.now();
    db.injectInbound({ from: ALICE, text: "debounced" });
    await client.waitForMessages(1, subscription);
    expect(Date.now() - written).toBeGreaterThanOrEqual(280);
  });

  it("stops notifying after watch.unsubscribe", async () => {
    const { db, client } = start();
    const subscription = await subscribe(client);
    db.injectInbound({ from: ALICE, text: "first" });
    await client.waitForMessages(1, subscription);
    expect(await client.request("watch.unsubscribe", { subscription })).toEqual({ ok: true });
    db.injectInbound({ from: ALICE, text: "second" });
    await client.request("chats.list", { limit: 1 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(client.messages(subscription)).toHaveLength(1);
  });

  it("reports a self-chat as two rows from our own address", async () => {
    const { db, client } = start();
    const subscription = await subscribe(client);
    db.injectSelfChat({ text: "note to self" });
    const [sent, received] = await client.waitForMessages(2, subscription);
    expect(sent).toMatchObject({
      is_from_me: true,
      sender: db.ownAddress,
      destination_caller_id: db.ownAddress,
    });
    expect(received).toMatchObject({
      is_from_me: false,
      sender: db.ownAddress,
      destination_caller_id: db.ownAddress,
    });
    expect(sent?.guid).not.toBe(received?.guid);
  });
});
