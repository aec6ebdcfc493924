/**
 * Hostile or mistaken input to the SSH setup and the scp fetcher, against a
 * real sshd: each is refused or reported with its fix, and nothing runs.
 * "Nothing runs" is checked with marker files that an executed command
 * would have created.
 */
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RemoteAttachmentFetcher } from "../../app/channel/remote-attachments.ts";
import {
  localBotInstallCommand,
  runLocalInstallCommand,
} from "../../app/setup/ssh/authorized-key-command.ts";
import { scanHostKey, trustHostKey } from "../../app/setup/ssh/host-key.ts";
import { checkRemoteLogin } from "../../app/setup/ssh/remote-login-check.ts";
import { ensurePinchKey, pickExistingKey } from "../../app/setup/ssh/ssh-key.ts";
import { verifySshSetup } from "../../app/setup/ssh/verify-ssh-setup.ts";
import { writeWrapperScript } from "../../app/setup/ssh/wrapper-script.ts";
import { writeSshAccount } from "../../app/setup/ssh/write-ssh-account.ts";
import type { SshLink } from "../../app/ssh/ssh-options.ts";
import { parseSshTarget, type SshTarget } from "../../app/ssh/ssh-target.ts";
import { forgetAuthorizedKey } from "../sshd/bot-user.ts";
import { LOOPBACK, type SshdHarness, sshdUnavailableReason, startSshd } from "../sshd/sshd-harness.ts";

const unavailable = sshdUnavailableReason();
if (unavailable && process.env.CI) throw new Error(`CI must run the SSH tests, but: ${unavailable}`);
if (unavailable) console.warn(`SKIPPING the SSH bad-input tests: ${unavailable}`);

describe.skipIf(unavailable)(
  `SSH setup refuses bad input${unavailable ? ` (skipped: ${unavailable})` : ""}`,
  () => {
    let sshd: SshdHarness;
    let dir: string;
    let marker: string;
    let link: SshLink;
    let target: SshTarget;
    const proxyHost = () => `-oProxyCommand=touch ${marker}`;

    beforeAll(async () => {
      sshd = await startSshd();
      dir = mkdtempSync(join(tmpdir(), "pinch-ssh-bad-"));
      marker = join(dir, "executed");
      target = { user: sshd.bot.name, host: LOOPBACK, port: sshd.port };
      // A key the bot never authorised, and a host key that was confirmed.
      const key = await ensurePinchKey(join(dir, "ssh"));
      if (!key.ok) throw new Error(key.message);
      link = {
        identityFile: key.key.privateKeyPath,
        knownHostsFile: join(dir, "ssh", "known_hosts"),
        port: sshd.port,
        connectTimeoutSeconds: 5,
      };
      const scan = await scanHostKey(target);
      if (!scan.ok) throw new Error(scan.message);
      await trustHostKey(link.knownHostsFile, scan.hostKey, scan.hostKey.fingerprint);
    }, 60_000);

    afterAll(async () => {
      expect(existsSync(marker)).toBe(false);
      await sshd?.stop();
    });

    describe('a host of "-oProxyCommand=…"', () => {
      it("is refused as a target", () => {
        expect(parseSshTarget(proxyHost())).toMatchObject({
          ok: false,
          message: expect.stringMatching(/may not start with "-"/),
        });
      });

      it("is never scanned, written into a wrapper, verified, fetched from or saved", async () => {
        const hostile: SshTarget = { user: undefined, host: proxyHost(), port: sshd.port };
        expect(await scanHostKey(hostile)).toMatchObject({ ok: false });
        const wrapperPath = join(dir, "imsg-hostile");
        expect(
          await writeWrapperScript(wrapperPath, {
            target: hostile,
            link,
            remoteImsg: "imsg",
            sshPath: "/usr/bin/ssh",
          }),
        ).toMatchObject({ ok: false });
        expect(existsSync(wrapperPath)).toBe(false);
        const report = await verifySshSetup({ target: hostile, link, wrapperPath: "/bin/true" });
        expect(report.steps[0]).toMatchObject({ step: "connect", status: "failed" });
        expect(report.ready).toBe(false);
        const fetcher = new RemoteAttachmentFetcher({
          remoteHost: proxyHost(),
          roots: [sshd.attachmentsRoot],
          mediaMaxMb: 1,
          cacheDir: join(dir, "cache"),
          link,
        });
        const file = sshd.addAttachment("x/a.jpg", "a");
        expect(await fetcher.fetch(file, join(dir, "cache", "one"))).toMatchObject({
          ok: false,
          kind: "refused",
        });
        const configPath = join(dir, "pinch.json5");
        writeFileSync(configPath, "{}\n");
        const saved = await writeSshAccount(configPath, {
          accountId: "bot",
          cliPath: "/x",
          dbPath: "/y",
          remoteHost: proxyHost(),
        });
        expect(saved).toMatchObject({ ok: false, message: expect.stringContaining("remoteHost") });
        expect(readFileSync(configPath, "utf8")).toBe("{}\n");
        expect(existsSync(marker)).toBe(false);
      });
    });

    describe('a user of "a;b"', () => {
      it("is refused as a target, in the install command, in a wrapper and by the ladder", async () => {
        expect(parseSshTarget(`a;b@${LOOPBACK}`)).toMatchObject({
          ok: false,
          message: expect.stringContaining('"a;b"'),
        });
        const key = await pickExistingKey(link.identityFile);
        if (!key.ok) throw new Error(key.message);
        expect(localBotInstallCommand({ botUser: "a;b", publicKey: key.key.publicKey })).toMatchObject({
          ok: false,
        });
        const semicolon: SshTarget = { user: `a;touch ${marker}`, host: LOOPBACK, port: sshd.port };
        expect(
          await writeWrapperScript(join(dir, "imsg-semicolon"), {
            target: semicolon,
            link,
            remoteImsg: "imsg",
            sshPath: "/usr/bin/ssh",
          }),
        ).toMatchObject({ ok: false });
        const report = await verifySshSetup({ target: semicolon, link, wrapperPath: "/bin/true" });
        expect(report.steps[0]?.status).toBe("failed");
        expect(existsSync(marker)).toBe(false);
      });
    });

    describe("remote attachment paths", () => {
      let fetcher: RemoteAttachmentFetcher;
      let scpMarker: string;

      beforeAll(() => {
        // An "scp" that only leaves a trace: any refusal must come before it is started.
        scpMarker = join(dir, "scp-ran");
        const fakeScp = join(dir, "scp-trace");
        writeFileSync(fakeScp, `#!/bin/sh\ntouch '${scpMarker}'\nexit 1\n`, { mode: 0o755 });
        fetcher = new RemoteAttachmentFetcher({
          remoteHost: `${sshd.bot.name}@${LOOPBACK}`,
          roots: [sshd.attachmentsRoot],
          mediaMaxMb: 1,
          cacheDir: join(dir, "cache"),
          link,
          scpPath: fakeScp,
        });
      });

      it.each([
        ["../../etc/passwd", "not an absolute path"],
        ["/etc/passwd", "outside remoteAttachmentRoots"],
        ["ROOT/../../../../etc/passwd", "not normalised"],
        ["ROOT/./a.jpg", "not normalised"],
        ["ROOT/*.jpg", "wildcard"],
        ["ROOT/a\nb.jpg", "control"],
      ])("refuses %j before any transfer", async (remotePath, reason) => {
        const into = join(dir, "cache", "refused");
        const result = await fetcher.fetch(remotePath.replace("ROOT", sshd.attachmentsRoot), into);
        expect(result).toMatchObject({ ok: false, kind: "refused", reason: expect.stringContaining(reason) });
        expect(existsSync(scpMarker)).toBe(false);
        expect(existsSync(into) ? readdirSync(into) : []).toEqual([]);
      });

      it("skips a file whose reported size is over mediaMaxMb, without transferring it", async () => {
        const result = await fetcher.fetch(
          join(sshd.attachmentsRoot, "big.mov"),
          join(dir, "cache", "big"),
          5 * 1024 * 1024,
        );
        expect(result).toMatchObject({ ok: false, kind: "too-large" });
        expect(existsSync(scpMarker)).toBe(false);
      });
    });

    it("stops a transfer that grows past mediaMaxMb and leaves nothing behind", async () => {
      // The bot installs this file's key only here, so every other test sees a refused key.
      const key = await pickExistingKey(link.identityFile);
      if (!key.ok) throw new Error(key.message);
      const built = localBotInstallCommand({
        botUser: sshd.bot.name,
        publicKey: key.key.publicKey,
        homeDir: sshd.bot.home,
      });
      if (!built.ok) throw new Error(built.message);
      const installed = await runLocalInstallCommand(built, "none");
      if (installed.exitCode !== 0) throw new Error(installed.stderr);
      try {
        const big = sshd.addAttachment("big/huge.bin", Buffer.alloc(3 * 1024 * 1024, 1));
        const fetcher = new RemoteAttachmentFetcher({
          remoteHost: `${sshd.bot.name}@${LOOPBACK}`,
          roots: [sshd.attachmentsRoot],
          mediaMaxMb: 1,
          cacheDir: join(dir, "cache"),
          link,
        });
        const into = join(dir, "cache", "huge");
        expect(await fetcher.fetch(big, into)).toMatchObject({ ok: false, kind: "too-large" });
        expect(readdirSync(into)).toEqual([]);
        const small = sshd.addAttachment("big/small.txt", "hello");
        const fetched = await fetcher.fetch(small, join(dir, "cache", "small"));
        expect(fetched).toMatchObject({ ok: true, bytes: 5 });
      } finally {
        forgetAuthorizedKey(sshd.bot, key.key.publicKey);
      }
    });

    it("reports an unreachable port as Remote Login being off, with the Sharing link", async () => {
      const closed = await closedPort();
      const check = await checkRemoteLogin(LOOPBACK, closed);
      expect(check).toMatchObject({
        ok: false,
        reason: "refused",
        fix: expect.stringContaining("Remote Login"),
      });
      expect(check.ok ? [] : check.links).toContain(
        "x-apple.systempreferences:com.apple.Sharing-Settings.extension",
      );
      const report = await verifySshSetup({
        target: { ...target, port: closed },
        link: { ...link, port: closed },
        wrapperPath: "/bin/true",
      });
      expect(report.steps[0]).toMatchObject({
        step: "connect",
        status: "failed",
        message: expect.stringContaining("refused the connection"),
      });
      expect(report.steps.slice(1).map((step) => step.status)).toEqual([
        "skipped",
        "skipped",
        "skipped",
        "skipped",
      ]);
    });

    it("reports a key the bot has not authorised, with the install fix", async () => {
      const report = await verifySshSetup({ target, link, wrapperPath: "/bin/true" });
      expect(report.steps[0]).toMatchObject({
        step: "connect",
        status: "failed",
        message: expect.stringContaining("refused Pinch's key"),
      });
      expect(report.steps[0]?.fix).toContain("install the public key");
    });

    it("reports a host key that was never confirmed", async () => {
      const empty = join(dir, "empty_known_hosts");
      writeFileSync(empty, "");
      const report = await verifySshSetup({
        target,
        link: { ...link, knownHostsFile: empty },
        wrapperPath: "/bin/true",
      });
      expect(report.steps[0]).toMatchObject({
        status: "failed",
        message: expect.stringContaining("not in Pinch's known_hosts"),
      });
    });

    it("refuses a picked key that others can read, or that has a passphrase", async () => {
      const keys = join(dir, "picked");
      mkdirSync(keys);
      execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "secret words", "-f", join(keys, "locked")]);
      expect(await pickExistingKey(join(keys, "locked"))).toMatchObject({
        ok: false,
        message: expect.stringContaining("passphrase"),
      });
      execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(keys, "open")]);
      chmodSync(join(keys, "open"), 0o644);
      expect(await pickExistingKey(join(keys, "open"))).toMatchObject({
        ok: false,
        fix: expect.stringContaining("chmod 600"),
      });
    });
  },
);

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 1));
    });
  });
}
