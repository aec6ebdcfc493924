import { accessSync, constants } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { afterEach, describe, expect, it } from "vitest";
import { imsgShimPath, SimDb } from "./sim-db.ts";
import { transcriptFrom } from "./voice-memo.ts";

const opened: SimDb[] = [];
function fresh(): SimDb {
  const db = SimDb.create();
  opened.push(db);
  return db;
}

function rows(db: SimDb, sql: string, ...params: (string | number)[]) {
  const raw = new DatabaseSync(db.path, { readOnly: true });
  try {
    return raw.prepare(sql).all(...params);
  } finally {
    raw.close();
  }
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe("SimDb, playing Messages.app", () => {
  it("creates the Messages tables imsg reads", () => {
    const db = fresh();
    const tables = rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((row) => row.name);
    for (const table of [
      "message",
      "chat",
      "handle",
      "chat_message_join",
      "chat_handle_join",
      "attachment",
    ]) {
      expect(tables).toContain(table);
    }
    expect(tables).toContain("message_attachment_join");
  });

  it("names a DM after the handle and a group chat<digits>, as Messages does", () => {
    const db = fresh();
    const dm = db.dm("+15550100001", "SMS");
    const group = db.group({ participants: ["+15550100001", "a@example.com"], displayName: "Pals" });
    expect(dm).toMatchObject({ identifier: "+15550100001", guid: "SMS;-;+15550100001", isGroup: false });
    expect(group.identifier).toMatch(/^chat\d{18}$/);
    expect(group).toMatchObject({ guid: `iMessage;+;${group.identifier}`, isGroup: true });
    expect(db.dm("+15550100001", "SMS").id).toBe(dm.id);
  });

  it("stores dates as nanoseconds since 2001", () => {
    const db = fresh();
    db.injectInbound({ from: "+15550100001", text: "x", date: new Date("2001-01-01T00:00:01.500Z") });
    const [row] = rows(db, "SELECT CAST(date AS TEXT) AS date FROM message");
    expect(row?.date).toBe("1500000000");
  });

  it("writes a self-chat message as an is_from_me row and a received twin", () => {
    const db = fresh();
    const { chat, sent, received } = db.injectSelfChat({ text: "remember the milk" });
    expect(chat.identifier).toBe(db.ownAddress);
    const written = rows(
      db,
      "SELECT ROWID AS id, is_from_me, destination_caller_id FROM message ORDER BY ROWID",
    );
    expect(written).toEqual([
      { id: sent.rowid, is_from_me: 1, destination_caller_id: db.ownAddress },
      { id: received.rowid, is_from_me: 0, destination_caller_id: db.ownAddress },
    ]);
  });

  it("records a tapback with Messages' part-prefixed guid and summary text", () => {
    const db = fresh();
    const target = db.injectInbound({ from: "+15550100001", text: "lunch?" });
    db.injectReaction({ from: "+15550100001", targetGuid: target.guid, kind: "laugh", remove: true });
    const [reaction] = rows(
      db,
      "SELECT associated_message_guid AS g, associated_message_type AS t, text FROM message WHERE ROWID > ?",
      target.rowid,
    );
    expect(reaction).toEqual({ g: `p:0/${target.guid}`, t: 3003, text: "Removed a laugh from “lunch?”" });
  });

  it("reads back is_from_me rows since a rowid", () => {
    const db = fresh();
    const chat = db.dm("+15550100001");
    const first = db.injectFromMe({ chat, text: "one" });
    db.injectInbound({ from: "+15550100001", text: "inbound" });
    db.injectFromMe({ chat, text: "two" });
    expect(db.sentMessages({ sinceRowid: first.rowid }).map((row) => row.text)).toEqual(["two"]);
    expect(db.sentMessages()[0]).toMatchObject({
      handle: "+15550100001",
      destinationCallerId: db.ownAddress,
    });
  });

  it("moves a sent row through delivered, read by the recipient and failed", () => {
    const db = fresh();
    const sent = db.injectFromMe({ chat: db.dm("+15550100001"), text: "out" });
    db.markDelivered(sent.guid, new Date("2001-01-01T00:00:02.000Z"));
    db.markReadByRecipient(sent.guid, new Date("2001-01-01T00:00:03.000Z"));
    const state = () =>
      rows(
        db,
        "SELECT is_delivered, CAST(date_read AS TEXT) AS date_read, error FROM message WHERE guid = ?",
        sent.guid,
      );
    expect(state()).toEqual([{ is_delivered: 1, date_read: "3000000000", error: 0 }]);
    db.markFailed(sent.guid);
    expect(state()[0]).toMatchObject({ is_delivered: 0, error: 22 });
  });

  it("marks an inbound message read, and refuses a guid it does not have", () => {
    const db = fresh();
    const inbound = db.injectInbound({ from: "+15550100001", text: "in" });
    db.markRead(inbound.guid, new Date("2001-01-01T00:00:01.000Z"));
    expect(rows(db, "SELECT is_read, CAST(date_read AS TEXT) AS date_read FROM message")).toEqual([
      { is_read: 1, date_read: "1000000000" },
    ]);
    expect(() => db.markRead("NO-SUCH-GUID")).toThrow(/no message with guid NO-SUCH-GUID/);
  });

  it("writes a voice memo as an audio message with a CAF attachment carrying the transcript", () => {
    const db = fresh();
    db.injectInbound({ from: "+15550100001", voiceMemo: { transcript: "see you at 6 & bring <snacks>" } });
    const [row] = rows(
      db,
      `SELECT m.is_audio_message AS audio, m.text AS text, a.uti AS uti, a.mime_type AS mime, a.user_info AS info
       FROM message m JOIN message_attachment_join j ON j.message_id = m.ROWID JOIN attachment a ON a.ROWID = j.attachment_id`,
    );
    expect(row).toMatchObject({
      audio: 1,
      text: "\uFFFC",
      uti: "com.apple.coreaudio-format",
      mime: "audio/x-caf",
    });
    expect(transcriptFrom(row?.info as Uint8Array)).toBe("see you at 6 & bring <snacks>");
  });

  it("keeps Contacts names, and reads back nothing recorded before a simulator ran", () => {
    const db = fresh();
    db.setContactName("+15550100001", "Alice");
    db.setContactName("+15550100001", "Alice Appleseed");
    expect(rows(db, "SELECT handle, name FROM imsg_sim_contact")).toEqual([
      { handle: "+15550100001", name: "Alice Appleseed" },
    ]);
    expect(db.invalidParamsAnswered()).toEqual([]);
    expect(db.actions()).toEqual([]);
  });

  it("can be reopened by another connection with the same own address", () => {
    const db = SimDb.create({ ownAddress: "me@example.com" });
    db.close();
    const again = SimDb.open(db.path);
    opened.push(again);
    expect(again.ownAddress).toBe("me@example.com");
  });

  it("points at an executable imsg shim", () => {
    expect(() => accessSync(imsgShimPath(), constants.X_OK)).not.toThrow();
  });
});
