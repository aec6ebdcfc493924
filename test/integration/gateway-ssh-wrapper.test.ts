/**
 * A hand-written SSH wrapper in the shape the reference documents for a bot
 * user (`set -euo pipefail`, comments, and the ssh command continued over two
 * lines with `\`), against a real sshd: `pinch gateway` reads the bot's host
 * from it, with no `remoteHost` in the config, and fetches an attachment over
 * scp with the wrapper's key and known_hosts.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SshKey } from "../../app/setup/ssh/ssh-key.ts";
import { forgetAuthorizedKey } from "../sshd/bot-user.ts";
import { LOOPBACK, type SshdHarness, sshdUnavailableReason, startSshd } from "../sshd/sshd-harness.ts";
import { trustedBotLink } from "../sshd/trusted-bot-link.ts";
import { type GatewayHarness, startGateway, waitFor } from "./gateway-harness.ts";

const unavailable = sshdUnavailableReason();
if (unavailable && process.env.CI) throw new Error(`CI must run the SSH tests, but: ${unavailable}`);
if (unavailable) console.warn(`SKIPPING the SSH wrapper tests: ${unavailable}`);

describe.skipIf(unavailable)(
  `the reference's bot-user wrapper${unavailable ? ` (skipped: ${unavailable})` : ""}`,
  () => {
    let sshd: SshdHarness;
    let key: SshKey;
    let wrapperPath: string;
    let gateway: GatewayHarness | undefined;

    beforeAll(async () => {
      sshd = await startSshd();
      const dir = mkdtempSync(join(tmpdir(), "pinch-ref-wrapper-"));
      const link = await trustedBotLink(sshd, dir);
      key = link.key;
      const knownHosts = link.knownHosts;
      // The reference's wrapper, with the key, known_hosts and port this sshd needs as extra options.
      wrapperPath = join(dir, "imsg-bot");
      writeFileSync(
        wrapperPath,
        [
          "#!/usr/bin/env bash",
          "set -euo pipefail",
          "",
          "# Run an interactive SSH once first to accept host keys:",
          `#   ssh ${sshd.bot.name}@${LOOPBACK} true`,
          `exec /usr/bin/ssh -o BatchMode=yes -o ConnectTimeout=5 -o UserKnownHostsFile="${knownHosts}" \\`,
          `  -i "${key.privateKeyPath}" -p ${sshd.port} -T ${sshd.bot.name}@${LOOPBACK} \\`,
          `  "${sshd.remoteImsg}" "$@"`,
          "",
        ].join("\n"),
        { mode: 0o755 },
      );
    }, 60_000);

    afterAll(async () => {
      await gateway?.stop();
      if (key) forgetAuthorizedKey(sshd.bot, key.publicKey);
      await sshd?.stop();
    });

    /** The gateway with one account, the bot, through the reference's wrapper; open to everyone. */
    function startBot(keys: Record<string, unknown>): Promise<GatewayHarness> {
      const bot = {
        name: "Bot",
        cliPath: wrapperPath,
        dbPath: sshd.sim.path,
        dmPolicy: "open",
        allowFrom: ["*"],
      };
      return startGateway({ sim: sshd.sim, imessage: { accounts: { bot: { ...bot, ...keys } } } });
    }

    it("answers through it and fetches an attachment over scp, with remoteHost read from the wrapper", async () => {
      gateway = await startBot({ includeAttachments: true, remoteAttachmentRoots: [sshd.attachmentsRoot] });
      const photo = sshd.addAttachment("cd/03/photo.jpg", Buffer.alloc(1024, 5));
      gateway.sim.injectInbound({ from: "+15550100001", text: "look", attachments: [photo] });
      const [reply] = await gateway.waitForSent(1, { timeoutMs: 20_000 });
      // The copy's local path: fetched over scp into the account's private folder, not skipped.
      expect(reply?.text).toMatch(/^echo: look \[.*\/remote-attachments\/[0-9a-f]{16}\/0\/photo\.jpg\]$/);
    });

    it("copies a file the reply names to the bot's side, sends it from there, then removes the copy", async () => {
      await gateway?.stop();
      const files = mkdtempSync(join(tmpdir(), "pinch-ref-files-"));
      const chart = join(files, "chart.png");
      writeFileSync(chart, Buffer.alloc(1_500, 3));
      gateway = await startBot({ attachmentRoots: [files] });
      const harness = gateway;
      // The echo agent repeats the message, so its reply ends with this MEDIA: line.
      const { chatId } = harness.sim.injectInbound({
        from: "+15550100002",
        text: `the chart\nMEDIA:${chart}`,
      });
      const sent = await harness.waitForSent(2, { chatId, timeoutMs: 30_000 });
      const file = sent.find((row) => row.attachmentPaths.length > 0);
      expect(basename(file?.attachmentPaths[0] ?? "")).toBe("chart.png");
      expect(readFileSync(file?.attachmentPaths[0] as string)).toEqual(Buffer.alloc(1_500, 3));
      // The bot's side is this machine's /tmp: the copies are the folders named as Pinch names them.
      const copies = () => readdirSync("/tmp").filter((name) => /^pinch-outbound-[0-9a-f]{16}$/.test(name));
      await waitFor(
        () => copies().length === 0,
        15_000,
        () => `left on the bot's side: ${copies()}`,
      );
      expect(harness.logs()).not.toContain("not sending a file");
    }, 60_000);
  },
);
