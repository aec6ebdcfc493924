import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BEFORE_RPC_IMSG_ENV, imsgShimPath, SimDb } from "../imsg-sim/sim-db.ts";
import { PINCH_BIN } from "./gateway-harness.ts";

function pinch(args: string[], config?: unknown, env: NodeJS.ProcessEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), "pinch-cli-"));
  const configPath = join(dir, "pinch.json5");
  if (config !== undefined)
    writeFileSync(configPath, typeof config === "string" ? config : JSON.stringify(config));
  const result = spawnSync(
    process.execPath,
    [PINCH_BIN, ...args, "--config", configPath, "--state-dir", join(dir, "state")],
    {
      encoding: "utf8",
      env: { ...process.env, IMSG_SIM_POLL_MS: "10", ...env },
    },
  );
  return { code: result.status, out: result.stdout + result.stderr };
}

describe("pinch command line", () => {
  it("refuses an unknown command with exit 2 and the usage", () => {
    const result = pinch(["launch"]);
    expect(result.code).toBe(2);
    expect(result.out).toContain('unknown command "launch"');
    expect(result.out).toContain("Usage:");
  });

  it("refuses an --account that is not an account id, before touching any file", () => {
    for (const args of [
      ["pairing", "dismiss", "imessage", "ABCD2345", "--account", "../../x"],
      ["send", "+15555550123", "hi", "--account", "a/b"],
    ]) {
      const result = pinch(args, {});
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.out).toContain('--account: "');
      expect(result.out).toContain("is not a valid account id; use 1 to 40 letters, digits, - or _");
    }
  });

  it("refuses to start a gateway on an invalid config, naming the key", () => {
    const result = pinch(["gateway"], { channels: { imessage: { dmPolicy: "sometimes" } } });
    expect(result.code).toBe(2);
    expect(result.out).toContain("channels.imessage.dmPolicy");
  });

  it("refuses to start a gateway whose two accounts would both read a chat_id written at the root", () => {
    const result = pinch(["gateway"], {
      channels: {
        imessage: {
          groups: { "12": { requireMention: false } },
          accounts: {
            personal: { dbPath: "/Users/me/Library/Messages/chat.db" },
            bot: { dbPath: "/Users/bot/Library/Messages/chat.db" },
          },
        },
      },
    });
    expect(result.code).toBe(2);
    expect(result.out).toContain('channels.imessage.groups.12: "12" names a chat in one Messages database');
  });

  it("refuses a file that is not JSON5 with the line", () => {
    const result = pinch(["gateway"], "{ channels: ");
    expect(result.code).toBe(2);
    expect(result.out).toMatch(/line|invalid/i);
  });

  it("doctor passes against a working imsg and database", () => {
    const sim = SimDb.create();
    const result = pinch(["doctor"], {
      channels: { imessage: { cliPath: imsgShimPath(), dbPath: sim.path } },
    });
    expect(result.out).toContain("✓ default: rpc");
    expect(result.code).toBe(0);
  });

  it("doctor shows what the account's imsg is from the handshake: version, protocol, engine, database, bridge, features", () => {
    const sim = SimDb.create();
    const result = pinch(["doctor"], {
      channels: { imessage: { cliPath: imsgShimPath(), dbPath: sim.path } },
    });
    // The version the simulator prints; its protocol depends on which imsg it plays.
    expect(result.out).toMatch(
      /^✓ default: rpc: imsg \d+\.\d+\.\d+ answers, (protocol 1|before protocol 1)$/m,
    );
    expect(result.out).toMatch(/^ {2}engine commit: \S+/m);
    expect(result.out).toContain("\n  database: opens\n");
    expect(result.out).toMatch(/^ {2}bridge: (on|off)$/m);
    expect(result.out).toMatch(/^ {2}features: \S+/m);
    expect(result.code).toBe(0);
  });

  it("doctor warns about an imsg older than 0.14.0 with the upgrade command, and still passes", () => {
    const sim = SimDb.create();
    const result = pinch(
      ["doctor"],
      { channels: { imessage: { cliPath: imsgShimPath(), dbPath: sim.path } } },
      { IMSG_VERSION: "0.13.0" },
    );
    expect(result.out).toContain("✓ default: imsg: ");
    expect(result.out).toContain("(0.13.0)");
    expect(result.out).toMatch(/^! default: imsg version: imsg 0\.13\.0 is older than 0\.14\.0/m);
    expect(result.out).toContain(
      "  fix: brew upgrade imsg (for a fresh install: brew install openclaw/tap/imsg)",
    );
    expect(result.code).toBe(0);
  });

  it("doctor names an imsg from before rpc as too old, with the upgrade command, and fails", () => {
    const sim = SimDb.create();
    const result = pinch(
      ["doctor"],
      { channels: { imessage: { cliPath: imsgShimPath(), dbPath: sim.path } } },
      BEFORE_RPC_IMSG_ENV,
    );
    expect(result.out).toMatch(
      /^✗ default: rpc: this imsg \(0\.2\.1\) is too old for rpc; upgrade with brew upgrade imsg$/m,
    );
    expect(result.out).toContain(
      "  fix: Run brew upgrade imsg (or brew install openclaw/tap/imsg) where this imsg runs",
    );
    expect(result.out).not.toContain("exit 1");
    expect(result.code).toBe(1);
  });

  it("doctor warns about a config key Pinch does not know, naming its key path", () => {
    const sim = SimDb.create();
    const result = pinch(["doctor"], {
      channels: { imessage: { cliPath: imsgShimPath(), dbPath: sim.path, textChunkLimt: 1200 } },
    });
    expect(result.out).toContain("! config: channels.imessage.textChunkLimt: unknown key");
    expect(result.code).toBe(0);
  });

  it("doctor lists exactly the reference keys of the config that Pinch ignores, each once", () => {
    const sim = SimDb.create();
    const result = pinch(["doctor"], {
      channels: {
        defaults: { groupPolicy: "open" },
        imessage: { cliPath: imsgShimPath(), dbPath: sim.path, sendTransport: "auto", probeTimeoutMs: 5000 },
      },
      session: { dmScope: "per-channel-peer", mainKey: "main" },
      messages: { inbound: { debounceMs: 1500 }, queue: { mode: "collect" } },
    });
    const ignored = result.out.split("\n").filter((line) => line.includes("ignored:"));
    expect(ignored).toEqual([
      "! config: ignored: channels.defaults.groupPolicy (not supported by Pinch)",
      "! config: ignored: channels.imessage.sendTransport (not supported by Pinch)",
      "! config: ignored: session.mainKey (not supported by Pinch)",
      "! config: ignored: messages.queue (not supported by Pinch)",
    ]);
    expect(result.out).not.toContain("unknown key");
    expect(result.code).toBe(0);
  });

  it("doctor warns about an allowFrom entry that admits no one, and reads chat aliases", () => {
    const sim = SimDb.create();
    const result = pinch(["doctor"], {
      channels: {
        imessage: {
          cliPath: imsgShimPath(),
          dbPath: sim.path,
          allowFrom: ["chatguid:iMessage;+;chat1", "Mom"],
        },
      },
    });
    expect(result.out).toContain(
      '! config: channels.imessage.allowFrom[1]: admits no one: "Mom" is not a phone number',
    );
    expect(result.out).not.toContain("allowFrom[0]");
    expect(result.code).toBe(0);
  });

  it("doctor names the fix when imsg is missing", () => {
    const result = pinch(["doctor"], { channels: { imessage: { cliPath: "/nonexistent/imsg" } } });
    expect(result.code).toBe(1);
    expect(result.out).toContain("brew install openclaw/tap/imsg");
  });

  it("doctor recognises a database it may not read as missing Full Disk Access", () => {
    const sim = SimDb.create();
    const result = pinch(["doctor"], {
      channels: {
        imessage: { cliPath: imsgShimPath(), dbPath: join(tmpdir(), "no-such-dir-pinch", "chat.db") },
      },
    });
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/Full Disk Access|Messages database was not found/);
    sim.close();
  });

  it("doctor names the remote Mac it detected from an SSH wrapper", () => {
    const dir = mkdtempSync(join(tmpdir(), "pinch-wrapper-"));
    const wrapperPath = join(dir, "imsg-ssh");
    writeFileSync(
      wrapperPath,
      '#!/usr/bin/env bash\nexec ssh -T -o BatchMode=yes bot@127.0.0.1 imsg "$@"\n',
      { mode: 0o755 },
    );
    const result = pinch(["doctor"], { channels: { imessage: { cliPath: wrapperPath } } });
    expect(result.out).toContain("remote Mac: bot@127.0.0.1 (detected from the wrapper)");
  });

  it("doctor warns when every DM shares one session among several senders", () => {
    const sim = SimDb.create();
    const imessage = {
      cliPath: imsgShimPath(),
      dbPath: sim.path,
      dmPolicy: "allowlist",
      allowFrom: ["+15555550123", "+15555550124"],
    };
    const shared = pinch(["doctor"], { channels: { imessage }, session: { dmScope: "main" } });
    expect(shared.out).toContain("! default: DM sessions");
    expect(shared.out).toContain('set session.dmScope to "per-channel-peer"');
    expect(shared.code).toBe(0);
    const separate = pinch(["doctor"], { channels: { imessage }, session: { dmScope: "per-channel-peer" } });
    expect(separate.out).not.toContain("DM sessions");
    // Unset is one conversation per sender.
    expect(pinch(["doctor"], { channels: { imessage } }).out).not.toContain("DM sessions");
  });

  it("send and pairing with no config file say it is missing, where, and how to make one", () => {
    for (const args of [
      ["send", "+15555550123", "hello"],
      ["pairing", "list", "imessage", "--account", "work"],
    ]) {
      const result = pinch(args);
      expect(result.code).toBe(2);
      expect(result.out).toMatch(
        /there is no config file at \S*pinch-cli-\S*pinch\.json5; open the Pinch app/,
      );
      expect(result.out).not.toContain("undefined");
    }
  });

  it("refuses a config file over 1 MiB before parsing it", () => {
    const big = JSON.stringify({ channels: { imessage: {} }, padding: "x".repeat(2 * 1024 * 1024) });
    const result = pinch(["send", "+15555550123", "hello"], big);
    expect(result.code).toBe(2);
    expect(result.out).toContain("is 2.0 MiB, larger than the 1 MiB a config may be");
  });
});
