import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { PairingStore } from "../../../app/access/pairing-store.ts";
import { resolveAccounts } from "../../../app/config/resolve-accounts.ts";
import { planApprovalsImport } from "../../../app/import/approvals-import-plan.ts";
import { readOpenclawPairing } from "../../../app/import/openclaw-approvals.ts";
import { defaultOpenclawDir, openclawFiles } from "../../../app/import/openclaw-paths.ts";

function stateDir() {
  const dir = mkdtempSync(path.join(tmpdir(), "pinch-openclaw-state-"));
  return { dir, files: openclawFiles(dir, {}, true) };
}

describe("OpenClaw's state directory", () => {
  it("is OPENCLAW_STATE_DIR, else .openclaw in OPENCLAW_HOME, else in HOME", () => {
    expect(defaultOpenclawDir({ OPENCLAW_STATE_DIR: "/srv/oc" }, "/home/u")).toBe("/srv/oc");
    expect(defaultOpenclawDir({ OPENCLAW_HOME: "/opt/h", HOME: "/home/x" }, "/home/u")).toBe(
      "/opt/h/.openclaw",
    );
    expect(defaultOpenclawDir({ HOME: "/home/x" }, "/home/u")).toBe("/home/x/.openclaw");
    expect(openclawFiles("/a", { OPENCLAW_CONFIG_PATH: "/etc/oc.json" }, false).config).toBe("/etc/oc.json");
    expect(openclawFiles("/a", { OPENCLAW_CONFIG_PATH: "/etc/oc.json" }, true).config).toBe(
      "/a/openclaw.json",
    );
  });

  it("reads the approvals and pending requests of a newer install's database", async () => {
    const { dir, files } = stateDir();
    mkdirSync(path.join(dir, "state"));
    const db = new DatabaseSync(files.stateDb);
    db.exec(`CREATE TABLE channel_pairing_allow_entries (channel_key TEXT NOT NULL, account_id TEXT NOT NULL,
      entry TEXT NOT NULL, sort_order INTEGER NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (channel_key, account_id, entry)) STRICT;
      CREATE TABLE channel_pairing_requests (channel_key TEXT NOT NULL, account_id TEXT NOT NULL, request_id TEXT NOT NULL,
      code TEXT NOT NULL, created_at TEXT NOT NULL, last_seen_at TEXT NOT NULL, meta_json TEXT, PRIMARY KEY (channel_key, account_id, request_id)) STRICT;`);
    const insert = db.prepare("INSERT INTO channel_pairing_allow_entries VALUES (?, ?, ?, ?, 0)");
    insert.run("imessage", "work", "+15555550142", 1);
    insert.run("imessage", "work", "robin@example.com", 0);
    insert.run("telegram", "default", "12345", 0);
    db.prepare(
      "INSERT INTO channel_pairing_requests VALUES ('imessage', 'work', '+1555', 'ABCDEFGH', 't', 't', NULL)",
    ).run();
    db.close();
    const state = await readOpenclawPairing(files);
    expect(state.approvals).toEqual([
      { account: "work", entries: ["robin@example.com", "+15555550142"], source: files.stateDb },
    ]);
    expect(state.pending).toBe(1);
    expect(state.problems).toEqual([]);
  });

  it("names a credentials file it cannot read instead of guessing", async () => {
    const { dir, files } = stateDir();
    mkdirSync(path.join(dir, "credentials"));
    writeFileSync(path.join(files.credentials, "imessage-allowFrom.json"), "{ nope");
    const state = await readOpenclawPairing(files);
    expect(state.approvals).toEqual([]);
    expect(state.problems[0]).toContain("imessage-allowFrom.json");
  });
});

describe("planning an approvals import", () => {
  const accounts = resolveAccounts({
    channels: { imessage: { defaultAccount: "Home", accounts: { Home: {}, Work: { region: "GB" } } } },
  });
  const plan = (
    approvals: Parameters<typeof planApprovalsImport>[0]["approvals"],
    approved = new Set<string>(),
  ) =>
    planApprovalsImport({
      approvals,
      accounts,
      defaultAccountId: "Home",
      approvedKeys: () => approved,
      storePath: (id) => `/state/${id}`,
    });

  it("finds the account by its id in any case, and gives the default account's file to Pinch's default", () => {
    const result = plan([
      { account: "work", entries: ["07700 900123"], source: "a" },
      { account: undefined, entries: ["Sam@Example.com"], source: "b" },
    ]);
    expect(result.map((item) => [item.account, item.add])).toEqual([
      ["Work", ["+447700900123"]],
      ["Home", ["sam@example.com"]],
    ]);
  });

  it("plans nothing for an OpenClaw account id that would be a path", () => {
    const result = plan([
      { account: "../../x", entries: ["+15555550123"], source: "a" },
      { account: "work", entries: ["+15555550124"], source: "b" },
    ]);
    expect(result.map((item) => item.account)).toEqual(["Work"]);
  });

  it("skips chats and entries that name no one, and counts senders approved already", () => {
    const [home] = plan(
      [
        {
          account: "home",
          entries: ["chat_id:7", "not a number", "*", "+15555550123", "imessage:+1 555 555 0123"],
          source: "a",
        },
      ],
      new Set(["+15555550123"]),
    );
    expect(home?.add).toEqual([]);
    expect(home?.already).toBe(1);
    expect(home?.skipped.map((item) => item.entry)).toEqual(["chat_id:7", "not a number"]);
  });

  it("keeps approvals of an account Pinch does not have under its id, with a note", () => {
    const [other] = plan([{ account: "old", entries: ["+15555550123"], source: "a" }]);
    expect(other?.account).toBe("old");
    expect(other?.note).toContain('"old" is not in Pinch\'s config');
  });
});

describe("approving imported senders", () => {
  it("adds each new sender once and leaves an existing approval as it was", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "pinch-pairing-")), "pairing.json");
    const store = new PairingStore(file, { now: () => 5 });
    await store.addApproved([{ sender: "+15555550123", key: "+15555550123" }]);
    const added = await new PairingStore(file, { now: () => 9 }).addApproved([
      { sender: "+15555550123", key: "+15555550123" },
      { sender: "a@example.com", key: "a@example.com" },
    ]);
    expect(added.map((entry) => entry.sender)).toEqual(["a@example.com"]);
    expect(store.read().approved).toEqual([
      { sender: "+15555550123", key: "+15555550123", approvedAt: 5 },
      { sender: "a@example.com", key: "a@example.com", approvedAt: 9 },
    ]);
  });
});
