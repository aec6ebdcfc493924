import { appendFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RowTracker } from "../../../app/channel/row-tracker.ts";
import { silentLogger } from "../../../app/log/logger.ts";
import { SettleJournal } from "../../../app/state/settle-journal.ts";

const dir = () => mkdtempSync(join(tmpdir(), "pinch-journal-"));

describe("row tracker", () => {
  it("advances the cursor only past rows settled without gaps", () => {
    const tracker = new RowTracker(null);
    for (const rowid of [10, 11, 12]) tracker.received(rowid);
    expect(tracker.settle(11)).toBe(9);
    expect(tracker.settle(10)).toBe(11);
    expect(tracker.settle(12)).toBe(12);
  });

  it("slots a re-delivered older row into place", () => {
    const tracker = new RowTracker(5);
    tracker.received(8);
    tracker.received(6);
    expect(tracker.settle(8)).toBe(5);
    expect(tracker.settle(6)).toBe(8);
  });
});

describe("settle journal", () => {
  it("finds a reply after a restart by the row it is keyed by and by each row it covers, until it settles", () => {
    const path = dir();
    const first = new SettleJournal(path, silentLogger);
    first.recordOutbox({ guid: "g3", chatId: 3, chunks: ["a"], sent: 0, at: 1, covers: ["g1", "g2"] });
    first.close();
    const second = new SettleJournal(path, silentLogger);
    expect(second.pendingOutbox("g1")?.guid).toBe("g3");
    expect(second.pendingOutbox("g2")?.guid).toBe("g3");
    expect(second.pendingOutbox("g3")?.guid).toBe("g3");
    expect(second.pendingOutbox("g4")).toBeUndefined();
    second.settle("g1", null);
    expect(second.pendingOutbox("g2")?.guid).toBe("g3");
    second.settle("g3", null);
    expect(second.pendingOutbox("g2")).toBeUndefined();
  });

  it("survives a restart with its cursor, handled guids and outbox", () => {
    const path = dir();
    const first = new SettleJournal(path, silentLogger);
    first.settle("g1", 10);
    first.recordOutbox({ guid: "g2", chatId: 3, chunks: ["a", "b"], sent: 0, at: 1 });
    first.recordSentChunk("g2", 0);
    first.close();
    const second = new SettleJournal(path, silentLogger);
    expect(second.cursor).toBe(10);
    expect(second.isHandled("g1")).toBe(true);
    expect(second.pendingOutbox("g2")?.sent).toBe(1);
  });

  it("ignores a torn last line from a kill mid-write", () => {
    const path = dir();
    const journal = new SettleJournal(path, silentLogger);
    journal.settle("g1", 4);
    journal.close();
    appendFileSync(join(path, "journal.jsonl"), '{"settled":"g2","cur');
    const reopened = new SettleJournal(path, silentLogger);
    expect(reopened.cursor).toBe(4);
    expect(reopened.isHandled("g2")).toBe(false);
  });

  it("moves a corrupt snapshot aside and rebuilds from the journal", () => {
    const path = dir();
    writeFileSync(join(path, "snapshot.json"), "garbage");
    const journal = new SettleJournal(path, silentLogger);
    journal.settle("g1", 2);
    journal.close();
    expect(new SettleJournal(path, silentLogger).cursor).toBe(2);
  });

  it("folds thousands of entries into a snapshot without losing any", async () => {
    const path = dir();
    const journal = new SettleJournal(path, silentLogger);
    for (let rowid = 1; rowid <= 4_500; rowid++) journal.settle(`g${rowid}`, rowid);
    await journal.flush();
    journal.close();
    const reopened = new SettleJournal(path, silentLogger);
    expect(reopened.cursor).toBe(4_500);
    expect(reopened.isHandled("g4500")).toBe(true);
  });
});
