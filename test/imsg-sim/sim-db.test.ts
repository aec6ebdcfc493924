import { accessSync, constants } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { afterEach, describe, expect, it } from "vitest";
import { imsgShimPath, SimDb } from "./sim-db.ts";

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
