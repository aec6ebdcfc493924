import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AwayStore } from "../../../app/channel/away-store.ts";
import type { Message } from "../../../app/imsg/protocol.ts";
import { silentLogger } from "../../../app/log/logger.ts";

const path = () => join(mkdtempSync(join(tmpdir(), "pinch-away-")), "away.json");
const row = (id: number): Message => ({
  id,
  chat_id: 1,
  guid: `g${id}`,
  sender: "+15555550002",
  is_from_me: false,
  text: `message ${id}`,
  created_at: "2026-12-04T09:00:00Z",
});

describe("the away store", () => {
  it("keeps each message once, in rowid order, in a file only its owner can read, and reads it back", async () => {
    const file = path();
    const store = new AwayStore(file, silentLogger);
    await store.add(row(7), false);
    await store.add(row(3), true);
    await store.add(row(7), false);
    expect(store.entries.map((entry) => entry.message.id)).toEqual([3, 7]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = new AwayStore(file, silentLogger);
    expect(again.entries.map((entry) => [entry.message.guid, entry.selfChat, entry.noted])).toEqual([
      ["g3", true, false],
      ["g7", false, false],
    ]);
  });

  it("remembers what was noted and that answering was asked for, until the last one is answered", async () => {
    const file = path();
    const store = new AwayStore(file, silentLogger);
    await store.add(row(1), false);
    await store.add(row(2), false);
    await store.markNoted(new Set(["g1"]));
    await store.setAnswering(true);
    expect(new AwayStore(file, silentLogger).answering).toBe(true);
    await store.remove("g1");
    expect(new AwayStore(file, silentLogger).entries.map((entry) => entry.noted)).toEqual([false]);
    await store.remove("g2");
    const after = new AwayStore(file, silentLogger);
    expect(after.entries).toEqual([]);
    expect(after.answering).toBe(false);
  });

  it("moves an unreadable file aside and starts empty", () => {
    const file = path();
    writeFileSync(file, "{ not json");
    const store = new AwayStore(file, silentLogger);
    expect(store.entries).toEqual([]);
    expect(existsSync(file)).toBe(false);
    const aside = readdirSync(join(file, "..")).find((name) => name.startsWith("away.json.corrupt-"));
    expect(aside).toBeDefined();
    expect(readFileSync(join(file, "..", aside as string), "utf8")).toBe("{ not json");
  });
});
