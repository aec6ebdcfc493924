/**
 * `pinch setup ssh` end to end against a real sshd: the first run stops at
 * the host key and shows its fingerprint, the second at the key the bot has
 * not authorised yet (and prints the command), the third installs it, passes
 * the whole ladder and saves the account. The install runs as the bot, so a
 * link the bot plants in its home never gets root to write or chown a file.
 * Bad targets are refused before anything runs.
 */
import { execFile } from "node:child_process";
import {
  chownSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import JSON5 from "json5";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetAuthorizedKey } from "../sshd/bot-user.ts";
import { LOOPBACK, type SshdHarness, sshdUnavailableReason, startSshd } from "../sshd/sshd-harness.ts";
import { PINCH_BIN } from "./gateway-harness.ts";

const run = promisify(execFile);
const unavailable = sshdUnavailableReason();
if (unavailable && process.env.CI) throw new Error(`CI must run the SSH tests, but: ${unavailable}`);
if (unavailable) console.warn(`SKIPPING the pinch setup ssh tests: ${unavailable}`);

async function pinch(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [PINCH_BIN, ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe.skipIf(unavailable)(`pinch setup ssh${unavailable ? ` (skipped: ${unavailable})` : ""}`, () => {
  let sshd: SshdHarness;
  let dir: string;
  let configPath: string;
  let base: string[];

  beforeAll(async () => {
    sshd = await startSshd();
    dir = mkdtempSync(join(tmpdir(), "pinch-ssh-cli-"));
    configPath = join(dir, "pinch.json5");
    base = [
      "setup",
      "ssh",
      `${sshd.bot.name}@${LOOPBACK}`,
      "--port",
      String(sshd.port),
      "--account",
      "bot",
      "--name",
      "Bot",
      "--db",
      sshd.sim.path,
      "--remote-imsg",
      sshd.remoteImsg,
      "--config",
      configPath,
      "--local-bot",
      "--home",
      sshd.bot.home,
      "--send-to",
      "+15550100777",
    ];
  }, 60_000);

  afterAll(async () => {
    const publicKey = join(dir, "ssh", "id_ed25519_pinch.pub");
    if (existsSync(publicKey)) {
      forgetAuthorizedKey(sshd.bot, readFileSync(publicKey, "utf8").trim());
    }
    await sshd?.stop();
  });

  it("stops at the host key until the user passes the fingerprint they compared", async () => {
    const first = await pinch(base);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(1);
    expect(first.stdout).toContain("✓ key:");
    expect(first.stdout).toContain("✓ remote login: SSH-2.0-");
    expect(first.stdout).toContain(`✗ host key: ${LOOPBACK} shows ssh-ed25519 ${sshd.hostFingerprint()}`);
    expect(first.stdout).toContain(`--fingerprint ${sshd.hostFingerprint()}`);
    expect(existsSync(configPath)).toBe(false);
  });

  it("then reports the key the bot has not authorised, with the exact command to run", async () => {
    const second = await pinch([...base, "--fingerprint", sshd.hostFingerprint()]);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain("✓ host key:");
    expect(second.stdout).toContain("✗ connect:");
    expect(second.stdout).toMatch(
      new RegExp(
        `run in Terminal on this Mac:\n {4}sudo -u ${sshd.bot.name} -H /bin/sh -c 'umask 077 && mkdir -p .*chmod 600 `,
      ),
    );
    expect(existsSync(configPath)).toBe(false);
  });

  it("installs the key when asked, passes every step and saves the account", async () => {
    const third = await pinch([...base, "--install-key"]);
    expect(third.stderr).toBe("");
    expect(third.stdout).toContain(`✓ authorised key: installed for ${sshd.bot.name}`);
    for (const step of ["connect", "imsg-version", "rpc", "database", "send"]) {
      expect(third.stdout).toMatch(new RegExp(`✓ ${step}: `));
    }
    expect(third.stdout).toContain("✓ config: channels.imessage.accounts.bot saved");
    expect(third.code).toBe(0);
    const saved = JSON5.parse(readFileSync(configPath, "utf8"));
    expect(saved.channels.imessage.accounts.bot).toEqual({
      name: "Bot",
      cliPath: join(dir, "ssh", "imsg-bot"),
      dbPath: sshd.sim.path,
      remoteHost: `${sshd.bot.name}@${LOOPBACK}`,
    });
  });

  it.each([
    ["a hard link", linkSync],
    ["a symlink", symlinkSync],
  ])("leaves a root-owned file alone when the bot's authorized_keys is %s to it", async (_kind, plant) => {
    const home = mkdtempSync(join(sshd.botDir, "home-"));
    mkdirSync(join(home, ".ssh"));
    for (const folder of [home, join(home, ".ssh")]) chownSync(folder, sshd.bot.uid, sshd.bot.gid);
    // Next to the trap, on the same file system, so a hard link can reach it.
    const rootFile = join(sshd.botDir, `root-owned-${statSync(home).ino}`);
    writeFileSync(rootFile, "root's own line\n", { mode: 0o644 });
    plant(rootFile, join(home, ".ssh", "authorized_keys"));
    const homeAt = base.indexOf("--home") + 1;
    const args = base.map((arg, index) => (index === homeAt ? home : arg));
    const result = await pinch([...args, "--fingerprint", sshd.hostFingerprint(), "--install-key"]);
    expect(result.stdout).toContain("✗ authorised key:");
    expect(result.code).toBe(1);
    expect(readFileSync(rootFile, "utf8")).toBe("root's own line\n");
    expect(statSync(rootFile)).toMatchObject({ uid: 0, gid: 0 });
    expect(statSync(rootFile).mode & 0o777).toBe(0o644);
  });

  it.each([["-oProxyCommand=touch MARKER"], ["a;touch MARKER@127.0.0.1"], ["bot@$(touch MARKER)"]])(
    "refuses the target %j as a usage error, running nothing",
    async (destination) => {
      const marker = join(dir, "marker");
      const result = await pinch([
        "setup",
        "ssh",
        destination.replace("MARKER", marker),
        "--account",
        "x",
        "--db",
        "/x",
      ]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/pinch setup ssh: /);
      expect(existsSync(marker)).toBe(false);
    },
  );
});
