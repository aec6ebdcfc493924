import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChatsListResult,
  HistoryResult,
  ImsgStatusSchema,
  SendResult,
  SendStatusResult,
  WatchSubscribeResult,
  WatchUnsubscribeResult,
} from "../../app/imsg/imsg-methods.ts";
import { IncomingFrameSchema, MessageNotificationParams, MessageSchema } from "../../app/imsg/protocol.ts";
import { RpcTestClient } from "./rpc-test-client.ts";
import { SimDb, URL_PREVIEW_BUNDLE_ID } from "./sim-db.ts";

const ALICE = "+15550100001";
const BOB = "+15550100002";
const CAROL = "carol@example.com";

/** imsg 0.15's success shapes for every method the gateway calls, checked against the gateway's own schemas. */
describe("protocol 1 success shapes", () => {
  let db: SimDb;
  let client: RpcTestClient;
  let group: ReturnType<SimDb["group"]>;

  beforeAll(() => {
    db = SimDb.create();
    group = db.group({ participants: [BOB, CAROL], displayName: "Climbing" });
    db.setContactName(ALICE, "Alice Appleseed");
    db.setContactName(BOB, "Bob Builder");
    client = RpcTestClient.spawn({ dbPath: db.path });
  });

  afterAll(async () => {
    await client.close();
    db.close();
  });

  it("answers initialize with the status snapshot of protocol 1", async () => {
    const status = ImsgStatusSchema.parse(await client.request("initialize", { protocol_version: 1 }));
    expect(status).toMatchObject({
      version: "0.15.4",
      protocol_version: 1,
      database: { path: db.path, ready: true, features: { unread_state: true, reactions: true } },
      bridge: {
        ready: false,
        error: "The bridge is not started. Run imsg launch explicitly before using bridge methods.",
      },
      contacts: { available: true },
      capabilities: { engine: { version: "0.15.4" } },
    });
    expect(status.methods).toEqual(
      expect.arrayContaining(["chats.list", "messages.after", "watch.subscribe", "send", "typing", "read"]),
    );
    expect(status.methods).not.toContain("tapback");
    expect(status.supported_methods).toEqual(
      expect.arrayContaining(["tapback", "send.rich", "messages.after"]),
    );
  });

  it("answers status, with an explicit empty params object, the same way", async () => {
    const status = ImsgStatusSchema.parse(await client.request("status", {}));
    expect(status.database.ready).toBe(true);
    expect(status.protocol_version).toBe(1);
  });

  it("lists chats with their unread count and a direct chat's Contacts name", async () => {
    db.injectInbound({ from: ALICE, text: "unread one" });
    db.injectInbound({ from: BOB, chat: group, text: "group news" });
    const { chats } = ChatsListResult.parse(await client.request("chats.list", { limit: 10 }));
    const alice = chats.find((chat) => chat.identifier === ALICE);
    expect(alice).toMatchObject({ unread_count: 1, contact_name: "Alice Appleseed", is_group: false });
    expect(chats.find((chat) => chat.id === group.id)).not.toHaveProperty("contact_name");
    const unread = ChatsListResult.parse(await client.request("chats.list", { unreadOnly: true }));
    expect(unread.chats.length).toBeGreaterThan(0);
  });

  it("reports an inline reply with its parent's guid, text and sender, and the sender's Contacts name", async () => {
    const parent = db.injectInbound({ from: BOB, chat: group, text: "Saturday at 9?" });
    db.injectInbound({ from: CAROL, chat: group, text: "works for me", replyToGuid: parent.guid });
    db.injectInbound({ from: BOB, chat: group, text: "see you", replyToGuid: parent.guid });
    const { messages } = HistoryResult.parse(
      await client.request("messages.history", { chat_id: group.id, limit: 3 }),
    );
    expect(messages[1]).toMatchObject({
      text: "works for me",
      reply_to_guid: parent.guid,
      thread_originator_guid: parent.guid,
      reply_to_text: "Saturday at 9?",
      reply_to_sender: BOB,
    });
    expect(messages[0]).toMatchObject({ text: "see you", sender_name: "Bob Builder" });
    expect(messages[1]).not.toHaveProperty("sender_name");
  });

  it("marks inbound messages unread, then read with date_read once Messages has read them", async () => {
    const unread = db.injectInbound({ from: ALICE, text: "did you read this?" });
    const before = await historyOf(db.dm(ALICE).id);
    expect(before.find((message) => message.guid === unread.guid)).toMatchObject({ is_read: false });
    expect(before.find((message) => message.guid === unread.guid)).not.toHaveProperty("date_read");
    const readAt = new Date("2026-03-01T10:00:00.000Z");
    db.markRead(unread.guid, readAt);
    const after = await historyOf(db.dm(ALICE).id);
    expect(after.find((message) => message.guid === unread.guid)).toMatchObject({
      is_read: true,
      date_read: readAt.toISOString(),
    });
  });

  it("reports a voice memo as a CAF attachment whose text is Apple's transcript", async () => {
    db.injectInbound({ from: ALICE, voiceMemo: { transcript: "call me when you land" } });
    const [memo] = HistoryResult.parse(
      await client.request("messages.history", { chat_id: db.dm(ALICE).id, limit: 1, attachments: true }),
    ).messages;
    expect(memo?.text).toBe("call me when you land");
    expect(memo?.attachments?.[0]).toMatchObject({
      uti: "com.apple.coreaudio-format",
      mime_type: "audio/x-caf",
    });
  });

  it("folds a link preview into its text row in history, as one message", async () => {
    const dave = db.dm("+15550100004");
    db.injectInbound({ from: "+15550100004", chat: dave, text: "look https://example.com/trail" });
    const preview = db.injectInbound({
      from: "+15550100004",
      chat: dave,
      text: "https://example.com/trail",
      balloonBundleId: URL_PREVIEW_BUNDLE_ID,
    });
    const { messages } = HistoryResult.parse(await client.request("messages.history", { chat_id: dave.id }));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      text: "look https://example.com/trail",
      url_preview: { id: preview.rowid, guid: preview.guid, balloon_bundle_id: URL_PREVIEW_BUNDLE_ID },
    });
  });

  it("answers watch.subscribe with its buffer limit, then notifies in the documented shape", async () => {
    const result = WatchSubscribeResult.parse(await client.request("watch.subscribe", { debounce_ms: 0 }));
    expect(result.buffer_limit).toBe(256);
    db.injectInbound({ from: ALICE, text: "live" });
    const [message] = await client.waitForMessages(1, result.subscription);
    expect(MessageNotificationParams.parse({ subscription: result.subscription, message })).toBeDefined();
    expect(
      WatchUnsubscribeResult.parse(
        await client.request("watch.unsubscribe", { subscription: result.subscription }),
      ),
    ).toEqual({
      ok: true,
    });
  });

  it("answers send with the row's id and guid, and the chat's guid and service", async () => {
    const sent = SendResult.parse(await client.request("send", { to: ALICE, text: "on my way" }));
    const raw = (await client.request("send", { chat_id: group.id, text: "to the group" })) as Record<
      string,
      unknown
    >;
    expect(sent).toMatchObject({ ok: true, id: expect.any(Number), guid: expect.any(String) });
    expect(raw).toMatchObject({ transport: "applescript", chat_guid: group.guid, service: "iMessage" });
    expect(db.sentMessages().at(-1)).toMatchObject({ rowid: raw.id, guid: raw.guid, text: "to the group" });
  });

  it("answers every request and notification with frames the gateway accepts", () => {
    for (const frame of client.frames) expect(IncomingFrameSchema.safeParse(frame).success).toBe(true);
    for (const notification of client.notificationsOf("message")) {
      expect(MessageSchema.safeParse((notification.params as { message: unknown }).message).success).toBe(
        true,
      );
    }
  });

  async function historyOf(chatId: number) {
    return HistoryResult.parse(await client.request("messages.history", { chat_id: chatId, limit: 20 }))
      .messages;
  }
});

describe("message.send_status", () => {
  let db: SimDb;
  let client: RpcTestClient;

  beforeAll(() => {
    db = SimDb.create();
    client = RpcTestClient.spawn({ dbPath: db.path });
  });

  afterAll(async () => {
    await client.close();
    db.close();
  });

  async function statusOf(guid: string) {
    return SendStatusResult.parse(await client.request("message.send_status", { guid }));
  }

  it("reports an unknown guid as pending with no status fields", async () => {
    expect(await statusOf("NO-SUCH-GUID")).toMatchObject({
      ok: true,
      send_state: "pending",
      status_fields: null,
    });
  });

  it("follows a sent message through sent, delivered and read by the recipient", async () => {
    const { guid } = SendResult.parse(await client.request("send", { to: ALICE, text: "ping" }));
    expect(await statusOf(guid as string)).toMatchObject({
      send_state: "sent",
      service: "iMessage",
      checked_at: expect.any(String),
      status_fields: { is_sent: true, is_delivered: false, error: 0, date_delivered: null, date_read: null },
    });
    const deliveredAt = new Date("2026-05-28T20:42:58.000Z");
    db.markDelivered(guid as string, deliveredAt);
    expect(await statusOf(guid as string)).toMatchObject({
      send_state: "delivered",
      delivered_at: deliveredAt.toISOString(),
    });
    db.markReadByRecipient(guid as string, new Date("2026-05-28T20:45:00.000Z"));
    expect((await statusOf(guid as string)).status_fields).toMatchObject({
      date_read: "2026-05-28T20:45:00.000Z",
    });
  });

  it("reports a message Messages could not deliver as failed, with its error code", async () => {
    const { guid } = SendResult.parse(await client.request("send", { to: BOB, text: "lost" }));
    db.markFailed(guid as string);
    expect(await statusOf(guid as string)).toMatchObject({
      send_state: "failed",
      status_fields: { error: 22 },
    });
  });
});

describe("typing and read", () => {
  it("answer ok, and are recorded as a typing indicator and a read receipt sent to the chat", async () => {
    const db = SimDb.create();
    const inbound = db.injectInbound({ from: ALICE, text: "are you there?" });
    const client = RpcTestClient.spawn({ dbPath: db.path });
    expect(await client.request("typing", { to: ALICE })).toEqual({ ok: true });
    expect(await client.request("typing", { chat_id: inbound.chatId, typing: false })).toEqual({ ok: true });
    expect(await client.request("read", { chat_guid: `iMessage;-;${ALICE}` })).toEqual({ ok: true });
    expect(db.actions()).toMatchObject([
      { method: "typing", typing: true, target: `iMessage;-;${ALICE}`, params: { to: ALICE } },
      { method: "typing", typing: false, target: `iMessage;-;${ALICE}` },
      { method: "read", target: `iMessage;-;${ALICE}` },
    ]);
    const { messages } = HistoryResult.parse(
      await client.request("messages.history", { chat_id: inbound.chatId }),
    );
    expect(messages[0]).toMatchObject({ is_read: true, date_read: expect.any(String) });
    await client.close();
    db.close();
  });
});
