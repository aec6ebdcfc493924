import { execFile } from "node:child_process";
import { mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatSchema, MessageSchema } from "../../app/imsg/protocol.ts";
import { BEFORE_RPC_IMSG_ENV, imsgShimPath, LEGACY_IMSG_ENV, SimDb } from "./sim-db.ts";

const run = promisify(execFile);
const ALICE = "+15550100001";

async function imsg(args: string[], env: Record<string, string> = {}, shim = imsgShimPath()) {
  try {
    const { stdout } = await run(shim, args, { env: { ...process.env, ...env }, cwd: tmpdir() });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe("the imsg command line", () => {
  let db: SimDb;

  beforeAll(() => {
    db = SimDb.create();
    // Distinct times: chats are listed newest first, and a tie would make the order arbitrary.
    db.injectInbound({ from: ALICE, text: "hello from Alice", date: new Date(Date.now() - 60_000) });
    db.injectInbound({
      from: "+15550100002",
      chat: db.group({ participants: ["+15550100002"], displayName: "Crew" }),
      text: "yo",
    });
  });

  afterAll(() => db.close());

  it("prints one version line shaped like imsg's", async () => {
    const { code, stdout } = await imsg(["--version"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("reports 0.15.4 by default, 0.9.0 in legacy mode, and IMSG_VERSION when it is set", async () => {
    expect((await imsg(["--version"])).stdout).toBe("0.15.4\n");
    expect((await imsg(["--version"], { ...LEGACY_IMSG_ENV })).stdout).toBe("0.9.0\n");
    expect((await imsg(["--version"], { IMSG_VERSION: "0.14.0" })).stdout).toBe("0.14.0\n");
    expect((await imsg(["--version"], { ...LEGACY_IMSG_ENV, IMSG_VERSION: "0.8.2" })).stdout).toBe("0.8.2\n");
  });

  it("describes rpc and its --db option under rpc --help", async () => {
    const { code, stdout } = await imsg(["rpc", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Run JSON-RPC over stdin/stdout");
    expect(stdout).toContain("--db");
  });

  it("lists chats as human lines", async () => {
    const { stdout } = await imsg(["chats", "--limit", "5", "--db", db.path]);
    expect(stdout.trim().split("\n")).toEqual([
      expect.stringMatching(/^\[2\] Crew \(chat\d{18}\) last=\d{4}-/),
      expect.stringMatching(/^\[1\] \+15550100001 \(\+15550100001\) last=/),
    ]);
  });

  it("lists chats as JSON lines", async () => {
    const { stdout } = await imsg(["chats", "--limit", "5", "--json"], { IMSG_SIM_DB: db.path });
    const chats = stdout
      .trim()
      .split("\n")
      .map((line) => ChatSchema.parse(JSON.parse(line)));
    expect(chats.map((chat) => chat.is_group)).toEqual([true, false]);
  });

  it("shows history as JSON lines", async () => {
    const { stdout } = await imsg(["history", "--chat-id", "1", "--limit", "5", "--json", "--db", db.path]);
    const [message] = stdout
      .trim()
      .split("\n")
      .map((line) => MessageSchema.parse(JSON.parse(line)));
    expect(message).toMatchObject({ text: "hello from Alice", sender: ALICE, is_from_me: false });
  });

  it("sends with --to and --text, writing our row into the DM", async () => {
    const { code, stdout } = await imsg(["send", "--to", ALICE, "--text", "from the CLI", "--db", db.path]);
    expect({ code, stdout }).toEqual({ code: 0, stdout: "sent\n" });
    expect(db.sentMessages().at(-1)).toMatchObject({ text: "from the CLI", chatId: 1, handle: ALICE });
  });

  it("normalizes a national number with --region before choosing the chat", async () => {
    await imsg(["send", "--to", "(555) 010-0001", "--text", "normalized", "--region", "US", "--db", db.path]);
    expect(db.sentMessages().at(-1)).toMatchObject({ text: "normalized", chatId: 1 });
  });

  it("reports an unreadable database on stdout with exit status 1", async () => {
    const { code, stdout } = await imsg(["chats", "--db", join(tmpdir(), "no-such-dir-imsg-sim", "chat.db")]);
    expect(code).toBe(1);
    expect(stdout).toContain("requires Full Disk Access permission");
  });

  it("runs through a symlink from any working directory", async () => {
    const link = join(mkdtempSync(join(tmpdir(), "imsg-sim-link-")), "imsg");
    symlinkSync(imsgShimPath(), link);
    const { code, stdout } = await imsg(["chats", "--limit", "5", "--db", db.path], {}, link);
    expect(code).toBe(0);
    expect(stdout).toContain("Crew");
  });
});

describe("an imsg from before rpc", () => {
  it("answers rpc --help with its root help, which lists no rpc", async () => {
    const { code, stdout } = await imsg(["rpc", "--help"], BEFORE_RPC_IMSG_ENV);
    expect(code).toBe(0);
    expect(stdout.split("\n")[0]).toBe("imsg 0.2.1");
    expect(stdout).toContain("imsg <command> [options]");
    expect(stdout).not.toMatch(/\brpc\b/);
  });

  it("refuses rpc as an unknown subcommand, on stdout with exit 1, as its argument parser does", async () => {
    const { code, stdout } = await imsg(["rpc", "--db", "/tmp/none.db"], BEFORE_RPC_IMSG_ENV);
    expect(code).toBe(1);
    expect(stdout).toBe("Unknown subcommand 'rpc' for command 'imsg'\n");
  });
});
