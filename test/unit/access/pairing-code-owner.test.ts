import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type AccountPairingStore, findCodeOwner } from "../../../app/access/pairing-code-owner.ts";
import { PAIRING_TTL_MS, PairingStore } from "../../../app/access/pairing-store.ts";

const now = { value: 1_000_000 };

function account(accountId: string): AccountPairingStore {
  const path = join(mkdtempSync(join(tmpdir(), "pinch-owner-")), "pairing.json");
  return { accountId, store: new PairingStore(path, { now: () => now.value }) };
}

async function codeFor(entry: AccountPairingStore, sender: string): Promise<string> {
  const result = await entry.store.createRequest({ sender, key: sender });
  if (result.status !== "created") throw new Error(`no request for ${sender}`);
  return result.request.code;
}

describe("the account a pairing code belongs to", () => {
  it("is the one account whose store issued it, whatever the case and dashes typed", async () => {
    const home = account("home");
    const work = account("work");
    await codeFor(home, "+15555550001");
    const code = await codeFor(work, "+15555550002");
    const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`;
    expect(findCodeOwner([home, work], typed)).toEqual({ ok: true, owner: work });
  });

  it("is still found once the code expired, so approving can say it expired", async () => {
    const home = account("home");
    const work = account("work");
    const code = await codeFor(home, "+15555550001");
    now.value += PAIRING_TTL_MS + 1;
    try {
      expect(findCodeOwner([work, home], code)).toEqual({ ok: true, owner: home });
      expect(await home.store.approve(code)).toMatchObject({ ok: false, reason: "expired" });
    } finally {
      now.value -= PAIRING_TTL_MS + 1;
    }
  });

  it("is none for an unknown code, and the message names the accounts searched", () => {
    const result = findCodeOwner([account("home"), account("work")], "ZZZZZZZZ");
    expect(result).toEqual({
      ok: false,
      message: expect.stringContaining("No pending pairing request has code ZZZZZZZZ in accounts home, work"),
    });
  });

  it("is refused rather than guessed when two accounts hold the same code", async () => {
    const home = account("home");
    const work = account("work");
    const code = await codeFor(home, "+15555550001");
    copyFileSync(home.store.path, work.store.path);
    expect(findCodeOwner([home, work], code)).toEqual({
      ok: false,
      message: `Code ${code} is pending in accounts home, work; choose one with --account ID.`,
    });
  });
});
