import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generatePairingCode, PAIRING_ALPHABET } from "../../../app/access/pairing-code.ts";
import {
  MAX_NEW_REQUESTS_PER_HOUR,
  PAIRING_TTL_MS,
  PairingStore,
} from "../../../app/access/pairing-store.ts";

function store(now: { value: number } = { value: 1_000_000 }) {
  const path = join(mkdtempSync(join(tmpdir(), "pinch-pairing-")), "pairing.json");
  return { path, now, store: new PairingStore(path, { now: () => now.value }) };
}

describe("pairing codes", () => {
  it("are 8 characters from the unambiguous alphabet", () => {
    for (let i = 0; i < 200; i++) {
      const code = generatePairingCode();
      expect(code).toHaveLength(8);
      expect([...code].every((char) => PAIRING_ALPHABET.includes(char))).toBe(true);
    }
    expect(PAIRING_ALPHABET).not.toMatch(/[01IO]/);
  });
});

describe("pairing store", () => {
  it("gives one code per live request", async () => {
    const { store: pairing } = store();
    const first = await pairing.createRequest({ sender: "+15555550123", key: "+15555550123" });
    const again = await pairing.createRequest({ sender: "+15555550123", key: "+15555550123" });
    expect(first.status).toBe("created");
    expect(again.status).toBe("pending");
  });

  it("keeps three pending requests: a fourth sender takes the slot of the oldest", async () => {
    const { store: pairing, now } = store();
    for (const key of ["a@x.com", "b@x.com", "c@x.com"]) {
      await pairing.createRequest({ sender: key, key });
      now.value += 1_000;
    }
    const fourth = await pairing.createRequest({ sender: "d@x.com", key: "d@x.com" });
    expect(fourth).toMatchObject({ status: "created", evicted: { key: "a@x.com" } });
    expect(pairing.read().requests.map((request) => request.key)).toEqual(["b@x.com", "c@x.com", "d@x.com"]);
  });

  it("hands out at most ten new requests an hour, evicted ones counted, then again after the hour", async () => {
    const { store: pairing, now } = store();
    for (let i = 0; i < MAX_NEW_REQUESTS_PER_HOUR; i++) {
      const result = await pairing.createRequest({ sender: `s${i}@x.com`, key: `s${i}@x.com` });
      expect(result.status).toBe("created");
      now.value += 60_000;
    }
    expect(await pairing.createRequest({ sender: "late@x.com", key: "late@x.com" })).toEqual({
      status: "rate-limited",
      issuedThisHour: MAX_NEW_REQUESTS_PER_HOUR,
    });
    // A sender whose request is still pending keeps it.
    expect((await pairing.createRequest({ sender: "s9@x.com", key: "s9@x.com" })).status).toBe("pending");
    now.value += 60 * 60_000;
    expect((await pairing.createRequest({ sender: "late@x.com", key: "late@x.com" })).status).toBe("created");
  });

  it("approves case-insensitively and admits the sender", async () => {
    const { store: pairing } = store();
    const created = await pairing.createRequest({ sender: "a@x.com", key: "a@x.com" });
    if (created.status !== "created") throw new Error("expected a new request");
    const result = await pairing.approve(created.request.code.toLowerCase());
    expect(result.ok).toBe(true);
    expect(pairing.isApproved("a@x.com")).toBe(true);
    expect(pairing.read().requests).toHaveLength(0);
  });

  it("refuses an expired code and frees its slot", async () => {
    const clock = { value: 1_000_000 };
    const { store: pairing } = store(clock);
    const created = await pairing.createRequest({ sender: "a@x.com", key: "a@x.com" });
    if (created.status !== "created") throw new Error("expected a new request");
    clock.value += PAIRING_TTL_MS + 1;
    const result = await pairing.approve(created.request.code);
    expect(result).toMatchObject({ ok: false, reason: "expired" });
    expect(pairing.read().requests).toHaveLength(0);
  });

  it("sees an approval made by another store on the same file", async () => {
    const { path, now, store: gateway } = store();
    const created = await gateway.createRequest({ sender: "a@x.com", key: "a@x.com" });
    if (created.status !== "created") throw new Error("expected a new request");
    expect(gateway.isApproved("a@x.com")).toBe(false);
    await new PairingStore(path, { now: () => now.value }).approve(created.request.code);
    expect(gateway.isApproved("a@x.com")).toBe(true);
  });

  it("writes the file with mode 0600", async () => {
    const { path, store: pairing } = store();
    await pairing.createRequest({ sender: "a@x.com", key: "a@x.com" });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("moves a corrupt file aside instead of failing", async () => {
    const { path } = store();
    writeFileSync(path, "{ not json");
    const asides: string[] = [];
    const pairing = new PairingStore(path, { onCorrupt: (aside) => asides.push(aside) });
    expect(pairing.read().requests).toEqual([]);
    expect(asides).toHaveLength(1);
  });

  it("keeps concurrent requests from two processes' stores", async () => {
    const { path } = store();
    const one = new PairingStore(path);
    const two = new PairingStore(path);
    // Real clocks here: both stores must agree on what is live.
    await Promise.all([
      one.createRequest({ sender: "a@x.com", key: "a@x.com" }),
      two.createRequest({ sender: "b@x.com", key: "b@x.com" }),
    ]);
    expect(
      one
        .read()
        .requests.map((request) => request.key)
        .sort(),
    ).toEqual(["a@x.com", "b@x.com"]);
  });
});

describe("a stranger's held first message", () => {
  const firstMessage = {
    guid: "msg-1",
    rowid: 41,
    chatId: 7,
    text: "is this Sam's assistant?",
    createdAt: "2026-12-04T09:00:00.000Z",
  };

  it("waits for the gateway's answer once its sender is approved, and leaves when taken", async () => {
    const { store: pairing } = store();
    const created = await pairing.createRequest({
      sender: "+15555550123",
      key: "+15555550123",
      firstMessage,
    });
    if (created.status !== "created") throw new Error("no request");
    expect(pairing.read().answer ?? []).toEqual([]);
    await pairing.approve(created.request.code);
    expect(pairing.read().answer).toEqual([
      { sender: "+15555550123", key: "+15555550123", message: firstMessage },
    ]);
    const taken = await pairing.takeAnswers(new Set(["msg-1"]));
    expect(taken).toHaveLength(1);
    expect(pairing.read().answer).toEqual([]);
  });

  it("is dropped, unanswered, with a dismissed request", async () => {
    const { store: pairing } = store();
    const created = await pairing.createRequest({
      sender: "+15555550123",
      key: "+15555550123",
      firstMessage,
    });
    if (created.status !== "created") throw new Error("no request");
    await pairing.dismiss(created.request.code);
    const state = pairing.read();
    expect(state.answer ?? []).toEqual([]);
    expect(state.requests).toEqual([]);
  });
});
