/**
 * The whole SSH setup against a real sshd on 127.0.0.1 and a real second
 * user whose `imsg` is the simulator: key, host-key confirmation, the
 * authorised-key command, the wrapper, the verification ladder, the config,
 * then `pinch gateway` answering through the wrapper and fetching an
 * attachment with scp, and finally a changed host key being refused.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSON5 from "json5";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RemoteAttachmentFetcher } from "../../app/channel/remote-attachments.ts";
import {
  localBotInstallCommand,
  runLocalInstallCommand,
} from "../../app/setup/ssh/authorized-key-command.ts";
import { recordedHostKey, scanHostKey, trustHostKey } from "../../app/setup/ssh/host-key.ts";
import { checkRemoteLogin } from "../../app/setup/ssh/remote-login-check.ts";
import { ensurePinchKey, type SshKey } from "../../app/setup/ssh/ssh-key.ts";
import { verifySshSetup } from "../../app/setup/ssh/verify-ssh-setup.ts";
import { writeWrapperScript } from "../../app/setup/ssh/wrapper-script.ts";
import { writeSshAccount } from "../../app/setup/ssh/write-ssh-account.ts";
import { readSshWrapper } from "../../app/ssh/read-ssh-wrapper.ts";
import type { SshLink } from "../../app/ssh/ssh-options.ts";
import { formatTarget, type SshTarget } from "../../app/ssh/ssh-target.ts";
import { forgetAuthorizedKey } from "../sshd/bot-user.ts";
import { LOOPBACK, type SshdHarness, sshdUnavailableReason, startSshd } from "../sshd/sshd-harness.ts";
import { type GatewayHarness, startGateway, waitFor } from "./gateway-harness.ts";

const unavailable = sshdUnavailableReason();
if (unavailable && process.env.CI) throw new Error(`CI must run the SSH tests, but: ${unavailable}`);
if (unavailable) console.warn(`SKIPPING the SSH setup tests: ${unavailable}`);

describe.skipIf(unavailable)(
  `SSH setup with a real sshd${unavailable ? ` (skipped: ${unavailable})` : ""}`,
  () => {
    let sshd: SshdHarness;
    let dataDir: string;
    let key: SshKey;
    let target: SshTarget;
    let link: SshLink;
    let wrapperPath: string;
    let gateway: GatewayHarness | undefined;

    beforeAll(async () => {
      sshd = await startSshd();
      // macOS keeps Pinch's data under "Application Support": a space every ssh option must survive.
      dataDir = join(mkdtempSync(join(tmpdir(), "pinch-ssh-")), "Application Support", "Pinch");
      mkdirSync(dataDir, { recursive: true });
      target = { user: sshd.bot.name, host: LOOPBACK, port: sshd.port };
      wrapperPath = join(dataDir, "ssh", "imsg-bot");
    }, 60_000);

    afterAll(async () => {
      await gateway?.stop();
      if (key) forgetAuthorizedKey(sshd.bot, key.publicKey);
      await sshd?.stop();
    });

    it("creates Pinch's own ed25519 key, readable only by the user, and reuses it", async () => {
      const first = await ensurePinchKey(join(dataDir, "ssh"));
      if (!first.ok) throw new Error(first.message);
      expect(first.created).toBe(true);
      expect(statSync(first.key.privateKeyPath).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, "ssh")).mode & 0o777).toBe(0o700);
      expect(first.key.publicKey).toMatch(/^ssh-ed25519 [A-Za-z0-9+/]+=* pinch@/);
      const again = await ensurePinchKey(join(dataDir, "ssh"));
      expect(again).toMatchObject({ ok: true, created: false, key: first.key });
      key = first.key;
      link = {
        identityFile: key.privateKeyPath,
        knownHostsFile: join(dataDir, "ssh", "known_hosts"),
        port: sshd.port,
        connectTimeoutSeconds: 10,
      };
    });

    it("sees Remote Login answering on the target's port", async () => {
      expect(await checkRemoteLogin(LOOPBACK, sshd.port)).toMatchObject({
        ok: true,
        banner: expect.stringMatching(/^SSH-2\.0-/),
      });
    });

    it("shows the host key's SHA256 fingerprint and records it only once the user confirms that fingerprint", async () => {
      const scan = await scanHostKey(target);
      if (!scan.ok) throw new Error(scan.message);
      expect(scan.hostKey.fingerprint).toBe(sshd.hostFingerprint());
      expect(scan.hostKey.name).toBe(`[${LOOPBACK}]:${sshd.port}`);
      const wrong = await trustHostKey(
        link.knownHostsFile,
        scan.hostKey,
        "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      );
      expect(wrong.ok).toBe(false);
      expect(await recordedHostKey(link.knownHostsFile, target)).toBeUndefined();
      expect(await trustHostKey(link.knownHostsFile, scan.hostKey, scan.hostKey.fingerprint)).toEqual({
        ok: true,
      });
      expect((await recordedHostKey(link.knownHostsFile, target))?.fingerprint).toBe(sshd.hostFingerprint());
      expect(statSync(link.knownHostsFile).mode & 0o777).toBe(0o600);
    });

    it("installs the public key for the bot user with the ownership and modes sshd requires, once", async () => {
      const built = localBotInstallCommand({
        botUser: sshd.bot.name,
        publicKey: key.publicKey,
        homeDir: sshd.bot.home,
      });
      if (!built.ok) throw new Error(built.message);
      for (let run = 0; run < 2; run++) {
        const result = await runLocalInstallCommand(built, "none");
        expect(result.stderr).toBe("");
        expect(result.exitCode).toBe(0);
      }
      const sshDir = statSync(join(sshd.bot.home, ".ssh"));
      const file = statSync(join(sshd.bot.home, ".ssh", "authorized_keys"));
      expect([sshDir.mode & 0o777, sshDir.uid]).toEqual([0o700, sshd.bot.uid]);
      expect([file.mode & 0o777, file.uid]).toEqual([0o600, sshd.bot.uid]);
      const lines = readFileSync(join(sshd.bot.home, ".ssh", "authorized_keys"), "utf8").split("\n");
      expect(lines.filter((line) => line === key.publicKey)).toHaveLength(1);
    });

    it("writes a 0700 wrapper that runs imsg as the bot, quoting every path", async () => {
      const written = await writeWrapperScript(wrapperPath, {
        target,
        link,
        remoteImsg: sshd.remoteImsg,
        sshPath: "/usr/bin/ssh",
      });
      expect(written.ok).toBe(true);
      expect(statSync(wrapperPath).mode & 0o777).toBe(0o700);
      const text = readFileSync(wrapperPath, "utf8");
      expect(text).toContain("-o BatchMode=yes -o ConnectTimeout=10 -o IdentitiesOnly=yes -i '");
      expect(text).toContain(`'UserKnownHostsFile="${link.knownHostsFile}"'`);
      expect(text).toContain(
        `-o StrictHostKeyChecking=yes -p ${sshd.port} ${formatTarget(target)} ${sshd.remoteImsg} "$@"`,
      );
      expect(execFileSync(wrapperPath, ["--version"], { encoding: "utf8" }).trim()).toMatch(/^\d+\.\d+/);
    });

    it("passes the whole ladder through the wrapper, a real test send included", async () => {
      const report = await verifySshSetup({
        target,
        link,
        wrapperPath,
        dbPath: sshd.sim.path,
        testSendTo: "+15550100777",
      });
      expect(report.steps.map((step) => [step.step, step.status])).toEqual([
        ["connect", "passed"],
        ["imsg-version", "passed"],
        ["rpc", "passed"],
        ["database", "passed"],
        ["send", "passed"],
      ]);
      expect(report.ready).toBe(true);
      const sent = sshd.sim.sentMessages({ sinceRowid: 0 });
      expect(sent.at(-1)?.text).toMatch(/^Pinch setup/);
    });

    it("does not call the account ready without a test send", async () => {
      const report = await verifySshSetup({ target, link, wrapperPath, dbPath: sshd.sim.path });
      expect(report.steps.at(-1)).toMatchObject({ step: "send", status: "skipped" });
      expect(report.ready).toBe(false);
    });

    it("explains the sshd-keygen-wrapper Automation fix when the send fails with -1743", async () => {
      sshd.setFaults({ automationDenied: true });
      try {
        const report = await verifySshSetup({
          target,
          link,
          wrapperPath,
          dbPath: sshd.sim.path,
          testSendTo: "+15550100777",
        });
        const send = report.steps.find((step) => step.step === "send");
        expect(send).toMatchObject({ status: "failed", message: expect.stringContaining("-1743") });
        expect(send?.fix).toContain("sshd-keygen-wrapper");
        expect(report.ready).toBe(false);
      } finally {
        sshd.setFaults({});
      }
    });

    it("sends the user to Full Disk Access for the bot user when the database does not open", async () => {
      sshd.setFaults({ dbUnreadable: "rpc-error" });
      try {
        const report = await verifySshSetup({
          target,
          link,
          wrapperPath,
          dbPath: sshd.sim.path,
          testSendTo: "+15550100777",
        });
        expect(report.steps.find((step) => step.step === "rpc")?.status).toBe("passed");
        const database = report.steps.find((step) => step.step === "database");
        expect(database).toMatchObject({
          status: "failed",
          message: expect.stringContaining("Full Disk Access"),
        });
        expect(database?.fix).toMatch(/Log into the bot user/);
        expect(report.steps.at(-1)).toMatchObject({ step: "send", status: "skipped" });
      } finally {
        sshd.setFaults({});
      }
    });

    it("catches a wrapper that buffers imsg's output", async () => {
      const buffering = join(dataDir, "ssh", "imsg-buffered");
      writeFileSync(buffering, `#!/bin/sh\n'${wrapperPath}' "$@" | sed -e ''\n`, { mode: 0o700 });
      const report = await verifySshSetup({
        target,
        link,
        wrapperPath: buffering,
        dbPath: sshd.sim.path,
        rpcTimeoutMs: 3_000,
      });
      const rpc = report.steps.find((step) => step.step === "rpc");
      expect(rpc).toMatchObject({ status: "failed", message: expect.stringContaining("no answer") });
      expect(rpc?.fix).toContain("exec ssh -T");
    });

    it("re-running setup rewrites the wrapper in place", async () => {
      const before = statSync(wrapperPath);
      const written = await writeWrapperScript(wrapperPath, {
        target,
        link: { ...link, connectTimeoutSeconds: 7 },
        remoteImsg: sshd.remoteImsg,
        sshPath: "/usr/bin/ssh",
      });
      expect(written.ok).toBe(true);
      expect(readFileSync(wrapperPath, "utf8")).toContain("ConnectTimeout=7");
      expect(statSync(wrapperPath).mode & 0o777).toBe(0o700);
      expect(readdirSync(join(dataDir, "ssh")).filter((name) => name.startsWith("imsg-bot"))).toEqual([
        "imsg-bot",
      ]);
      expect(statSync(wrapperPath).ino).not.toBe(before.ino);
    });

    it("writes the account into the config atomically, keeping every other key", async () => {
      const configPath = join(dataDir, "pinch.json5");
      writeFileSync(
        configPath,
        '{ session: { dmScope: "per-channel-peer" }, models: { keep: true }, channels: { imessage: { accounts: { bot: { allowFrom: ["+15550100001"] } } } } }',
      );
      const result = await writeSshAccount(configPath, {
        accountId: "bot",
        name: "Bot",
        cliPath: wrapperPath,
        dbPath: sshd.sim.path,
        remoteHost: formatTarget(target),
      });
      expect(result).toMatchObject({ ok: true, keyPath: "channels.imessage.accounts.bot" });
      const saved = JSON5.parse(readFileSync(configPath, "utf8"));
      expect(saved.models).toEqual({ keep: true });
      expect(saved.session).toEqual({ dmScope: "per-channel-peer" });
      expect(saved.channels.imessage.accounts.bot).toEqual({
        allowFrom: ["+15550100001"],
        name: "Bot",
        cliPath: wrapperPath,
        dbPath: sshd.sim.path,
        remoteHost: `${sshd.bot.name}@${LOOPBACK}`,
      });
      expect(statSync(configPath).mode & 0o777).toBe(0o600);
    });

    it("pinch gateway answers through the wrapper and fetches an attachment over scp", async () => {
      const saved = JSON5.parse(readFileSync(join(dataDir, "pinch.json5"), "utf8"));
      const bot = saved.channels.imessage.accounts.bot;
      gateway = await startGateway({
        sim: sshd.sim,
        imessage: {
          accounts: {
            bot: {
              ...bot,
              dmPolicy: "open",
              allowFrom: ["*"],
              includeAttachments: true,
              remoteAttachmentRoots: [sshd.attachmentsRoot],
            },
          },
        },
      });
      gateway.sim.injectInbound({ from: "+15550100001", text: "hello over ssh" });
      expect((await gateway.waitForSent(1, { timeoutMs: 20_000 })).at(-1)?.text).toBe("echo: hello over ssh");

      const photo = sshd.addAttachment("ab/01/photo.jpg", Buffer.alloc(2048, 7));
      gateway.sim.injectInbound({ from: "+15550100001", text: "look", attachments: [photo] });
      const [, withFile] = await gateway.waitForSent(2, { timeoutMs: 20_000 });
      expect(withFile?.text).toMatch(/^echo: look \[.*\/remote-attachments\/[0-9a-f]{16}\/0\/photo\.jpg\]$/);
      const cache = join(gateway.stateDir, "imessage", "bot", "remote-attachments");
      expect(statSync(cache).mode & 0o777).toBe(0o700);
      // The copy is deleted once the turn is over, just after its reply was sent.
      await waitFor(
        () => readdirSync(cache).length === 0,
        5_000,
        () => `the cache still holds ${readdirSync(cache).join(", ")}`,
      );

      gateway.sim.injectInbound({ from: "+15550100001", text: "secret", attachments: ["/etc/hostname"] });
      const [, , refused] = await gateway.waitForSent(3, { timeoutMs: 20_000 });
      expect(refused?.text).toBe("echo: secret [skipped: outside remoteAttachmentRoots]");
      await gateway.waitForLog(/remote attachment was not fetched.*outside remoteAttachmentRoots/);
    });

    it("refuses a changed host key in ssh, scp and the running gateway, with a clear warning", async () => {
      if (!gateway) throw new Error("needs the gateway of the previous test");
      await sshd.changeHostKey();

      const report = await verifySshSetup({ target, link, wrapperPath, dbPath: sshd.sim.path });
      expect(report.steps[0]).toMatchObject({
        step: "connect",
        status: "failed",
        message: expect.stringContaining("CHANGED"),
      });
      expect(report.steps[0]?.fix).toMatch(/compare the new fingerprint/);

      const cacheDir = mkdtempSync(join(tmpdir(), "pinch-scp-"));
      const fetcher = new RemoteAttachmentFetcher({
        remoteHost: formatTarget(target),
        roots: [sshd.attachmentsRoot],
        mediaMaxMb: 1,
        cacheDir,
        link: readSshWrapper(wrapperPath)?.link ?? link,
      });
      const photo = sshd.addAttachment("ab/02/after.jpg", "x");
      expect(await fetcher.fetch(photo, join(cacheDir, "one"))).toMatchObject({
        ok: false,
        kind: "host-key-changed",
      });
      expect(readdirSync(join(cacheDir, "one"))).toEqual([]);
      rmSync(cacheDir, { recursive: true, force: true });

      // The live ssh session survives an sshd restart; end it so the gateway has to reconnect.
      sshd.setFaults({ crashAfterNotifications: 1 });
      gateway.sim.injectInbound({ from: "+15550100001", text: "after the change" });
      await gateway.waitForLog(/stopping this account: the SSH host key changed/, 30_000);
      expect(gateway.logs()).toMatch(/host key of pinchbot@127\.0\.0\.1 has CHANGED/);
      if (process.env.SHOW_LOGS) console.log(gateway.logs());
      // Its last reply can never be sent now; no need to wait for the drain.
      await gateway.kill();
      gateway = undefined;
    });
  },
);
