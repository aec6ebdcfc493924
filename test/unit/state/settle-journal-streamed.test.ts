import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../app/log/logger.ts";
import { SettleJournal } from "../../../app/state/settle-journal.ts";

const dir = () => mkdtempSync(join(tmpdir(), "pinch-journal-"));

describe("settle journal: streamed replies", () => {
  it("keeps an open reply's parts and what was sent of them across a restart, still open", () => {
    const path = dir();
    const first = new SettleJournal(path, silentLogger);
    first.recordOutbox({ guid: "g", chatId: 3, chunks: ["one"], sent: 0, at: 1, open: true });
    first.recordSentChunk("g", 0);
    first.extendOutbox("g", ["two", "three"]);
    first.close();
    const second = new SettleJournal(path, silentLogger);
    expect(second.pendingOutbox("g")).toMatchObject({ chunks: ["one", "two", "three"], sent: 1, open: true });
  });

  it("closes a reply with its last chunks and files, through a fold into the snapshot", async () => {
    const path = dir();
    const first = new SettleJournal(path, silentLogger);
    first.recordOutbox({ guid: "g", chatId: 3, chunks: ["one"], sent: 0, at: 1, open: true });
    first.extendOutbox("g", ["two"]);
    for (let i = 0; i < 2_100; i++) first.settle(`other-${i}`, i);
    await first.flush();
    first.closeOutbox("g", { chunks: ["end"], media: [{ file: "/tmp/a.png" }] });
    first.close();
    const second = new SettleJournal(path, silentLogger);
    const entry = second.pendingOutbox("g");
    expect(entry).toMatchObject({ chunks: ["one", "two", "end"], media: [{ file: "/tmp/a.png" }] });
    expect(entry?.open).toBeUndefined();
  });

  it("does not let a later part change a reply recorded earlier in memory", () => {
    const journal = new SettleJournal(dir(), silentLogger);
    const chunks = ["one"];
    journal.recordOutbox({ guid: "g", chatId: 3, chunks, sent: 0, at: 1, open: true });
    journal.extendOutbox("g", ["two"]);
    expect(chunks).toEqual(["one"]);
    expect(journal.pendingOutbox("g")?.chunks).toEqual(["one", "two"]);
  });
});
