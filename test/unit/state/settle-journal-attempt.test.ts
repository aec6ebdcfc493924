import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../app/log/logger.ts";
import { SettleJournal } from "../../../app/state/settle-journal.ts";

const dir = () => mkdtempSync(join(tmpdir(), "pinch-journal-"));

describe("settle journal: send attempts", () => {
  it("keeps the rowid floor of a chunk whose send was started, across a restart", () => {
    const path = dir();
    const first = new SettleJournal(path, silentLogger);
    first.recordOutbox({ guid: "g", chatId: 3, chunks: ["a", "a", "a"], sent: 0, at: 1 });
    first.recordAttempt("g", 0, 40);
    first.recordSentChunk("g", 0);
    first.recordAttempt("g", 1, 41);
    first.close();
    const second = new SettleJournal(path, silentLogger);
    expect(second.pendingOutbox("g")).toMatchObject({ sent: 1, attempt: { index: 1, after: 41 } });
  });

  it("keeps it through a fold into the snapshot", async () => {
    const path = dir();
    const first = new SettleJournal(path, silentLogger);
    first.recordOutbox({ guid: "g", chatId: 3, chunks: ["a", "b"], sent: 0, at: 1 });
    const before = Date.now();
    first.recordAttempt("g", 0, 7);
    // Enough other lines to fold the journal into the snapshot at least once.
    for (let i = 0; i < 2_100; i++) first.settle(`other-${i}`, i);
    await first.flush();
    first.close();
    const second = new SettleJournal(path, silentLogger);
    const attempt = second.pendingOutbox("g")?.attempt;
    expect(attempt).toMatchObject({ index: 0, after: 7 });
    // When it started: a restart soon after gives a send still finishing in the old imsg time to land.
    expect(attempt?.startedAt).toBeGreaterThanOrEqual(before);
  });

  it("forgets the attempt with the reply once the message is settled", () => {
    const path = dir();
    const first = new SettleJournal(path, silentLogger);
    first.recordOutbox({ guid: "g", chatId: 3, chunks: ["a"], sent: 0, at: 1 });
    first.recordAttempt("g", 0, 7);
    first.recordSentChunk("g", 0);
    first.settle("g", 12);
    first.close();
    expect(new SettleJournal(path, silentLogger).pendingOutbox("g")).toBeUndefined();
  });
});
