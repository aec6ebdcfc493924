import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChatsListResult,
  HistoryResult,
  SendResult,
  WatchSubscribeResult,
} from "../../app/imsg/imsg-methods.ts";
import { IncomingFrameSchema, MessageNotificationParams } from "../../app/imsg/protocol.ts";
import { type Frame, RpcTestClient } from "./rpc-test-client.ts";
import { SimDb } from "./sim-db.ts";

const ALICE = "+15550100001";
const BOB = "+15550100002";
const CAROL = "carol@example.com";
const DAVE = "+15550100004";
const TRICKY_TEXT = "line one\u2028line two\u2029end — 🦞👩‍👩‍👧 café";

function nullPaths(value: unknown, path = "$"): string[] {
  if (value === null) return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => nullPaths(item, `${path}[${index}]`));
  if (typeof value === "object") {
    return Object.entries(value as object).flatMap(([key, item]) => nullPaths(item, `${path}.${key}`));
  }
  return [];
}

/** Replays a realistic day of Messages traffic through one `imsg rpc` and keeps every frame. */
describe.each(["protocol1", "legacy"] as const)(
  "a replayed conversation through imsg rpc (%s)",
  (protocol) => {
    let db: SimDb;
    let client: RpcTestClient;
    let photoPath: string;
    let messages: Frame[];
    let sendResult: unknown;
    let group: ReturnType<SimDb["group"]>;
    let smsChat: ReturnType<SimDb["dm"]>;

    beforeAll(async () => {
      db = SimDb.create();
      photoPath = join(dirname(db.path), "IMG_0001.jpeg");
      writeFileSync(photoPath, Buffer.alloc(2048, 7));
      const aliceDm = db.dm(ALICE);
      group = db.group({ participants: [BOB, CAROL], displayName: "Climbing" });
      smsChat = db.dm(DAVE, "SMS");
      db.injectInbound({
        from: ALICE,
        chat: aliceDm,
        text: "earlier message",
        date: new Date(Date.now() - 60_000),
      });

      client = RpcTestClient.spawn({ dbPath: db.path, protocol });
      const subscribed = await client.request("watch.subscribe", {
        attachments: true,
        include_reactions: true,
        debounce_ms: 0,
      });
      const { subscription } = WatchSubscribeResult.parse(subscribed);

      const hello = db.injectInbound({ from: ALICE, text: "hi Pinch, are you there?" });
      const plan = db.injectInbound({ from: BOB, chat: group, text: "Saturday at 9?" });
      db.injectInbound({ from: CAROL, chat: group, text: "works for me", replyToGuid: plan.guid });
      db.injectReaction({ from: CAROL, targetGuid: plan.guid, kind: "like" });
      db.injectInbound({ from: DAVE, chat: smsChat, text: "SMS from an Android phone" });
      db.injectInbound({ from: ALICE, attachments: [photoPath, "~/Library/Messages/Attachments/gone.heic"] });
      db.injectInbound({ from: ALICE, text: TRICKY_TEXT, associatedMessageGuid: hello.guid });
      sendResult = await client.request("send", { to: ALICE, text: "Yes, I am here." });
      messages = await client.waitForMessages(8, subscription);
    });

    afterAll(async () => {
      await client.close();
      db.close();
    });

    it("emits only frames that match the imsg wire schemas", async () => {
      await client.request("chats.list", { limit: 10 });
      await client.request("messages.history", { chat_id: group.id, limit: 10, attachments: true });
      for (const frame of client.frames)
        expect(IncomingFrameSchema.safeParse(frame).success, JSON.stringify(frame)).toBe(true);
      for (const notification of client.notificationsOf("message")) {
        expect(MessageNotificationParams.safeParse(notification.params).success).toBe(true);
      }
      expect(client.lines.length).toBe(client.frames.length);
    });

    it("never writes null: absent strings are left out", () => {
      for (const frame of client.frames) expect(nullPaths(frame)).toEqual([]);
    });

    it("delivers every row once, in rowid order", () => {
      const ids = messages.map((message) => message.id as number);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
    });

    it("lists chats newest first with the group flagged and participants named", async () => {
      const { chats } = ChatsListResult.parse(await client.request("chats.list", { limit: 10 }));
      const dates = chats.map((chat) => chat.last_message_at ?? "");
      expect(dates).toEqual([...dates].sort().reverse());
      const climbing = chats.find((chat) => chat.id === group.id);
      expect(climbing).toMatchObject({ name: "Climbing", is_group: true, service: "iMessage" });
      expect(climbing?.participants).toEqual([BOB, CAROL].sort());
      expect(chats.find((chat) => chat.id === smsChat.id)).toMatchObject({
        identifier: DAVE,
        guid: `SMS;-;${DAVE}`,
        service: "SMS",
        is_group: false,
      });
    });

    it("reports dates as ISO 8601 with milliseconds", () => {
      for (const message of messages)
        expect(message.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });

    it("keeps emoji and U+2028/U+2029 text intact on the wire", () => {
      expect(messages.some((message) => message.text === TRICKY_TEXT)).toBe(true);
      expect(client.lines.some((line) => line.includes("\u2028"))).toBe(true);
    });

    it("describes attachments with the names the imsg code uses", () => {
      const withFiles = messages.find((message) => (message.attachments as unknown[]).length === 2);
      expect(withFiles?.text).toBe("\uFFFC\uFFFC");
      const [present, gone] = (withFiles?.attachments ?? []) as Frame[];
      expect(present).toMatchObject({
        filename: photoPath,
        transfer_name: "IMG_0001.jpeg",
        uti: "public.jpeg",
        mime_type: "image/jpeg",
        total_bytes: 2048,
        is_sticker: false,
        original_path: photoPath,
        missing: false,
      });
      expect(gone?.missing).toBe(true);
      expect(gone?.original_path).not.toContain("~");
    });

    it("marks a tapback as a reaction event aimed at its message", () => {
      const reaction = messages.find((message) => message.is_reaction === true);
      expect(reaction).toMatchObject({
        reaction_type: "like",
        reaction_emoji: "👍",
        is_reaction_add: true,
        chat_id: group.id,
        is_group: true,
      });
      const plan = messages.find((message) => message.text === "Saturday at 9?");
      expect(reaction?.reacted_to_guid).toBe(plan?.guid);
    });

    it("records an inline reply as a thread with the parent's text", () => {
      const reply = messages.find((message) => message.text === "works for me");
      expect(reply).toMatchObject({ reply_to_text: "Saturday at 9?", reply_to_sender: BOB });
      expect(reply?.thread_originator_guid).toBeDefined();
    });

    it("reports a non-tapback association as reply_to_guid", () => {
      const tricky = messages.find((message) => message.text === TRICKY_TEXT);
      const hello = messages.find((message) => message.text === "hi Pinch, are you there?");
      expect(tricky?.reply_to_guid).toBe(hello?.guid);
    });

    it("echoes our own send back through the watch, from our address", () => {
      expect(SendResult.parse(sendResult)).toMatchObject({ ok: true });
      const { id, guid } = sendResult as { id: number; guid: string };
      const echo = messages.find((message) => message.id === id);
      expect(echo).toMatchObject({
        guid,
        is_from_me: true,
        text: "Yes, I am here.",
        destination_caller_id: db.ownAddress,
        chat_guid: `iMessage;-;${ALICE}`,
      });
    });

    it("answers history newest first without tapback rows", async () => {
      const { messages: history } = HistoryResult.parse(
        await client.request("messages.history", { chat_id: group.id, limit: 10 }),
      );
      expect(history.map((message) => message.text)).toEqual(["works for me", "Saturday at 9?"]);
      expect(history[1]?.reactions?.[0]).toMatchObject({ type: "like", emoji: "👍", sender: CAROL });
    });
  },
);
