/**
 * An account on a bot user through the wrapper Pinch writes, against a real
 * sshd: ssh hands the remote shell one line, so a `dbPath` reaches imsg only
 * if the wrapper quotes it. A `$(…)` in it must stay text (it once ran as
 * the bot), and a space must not split it; in both cases imsg opens the
 * database at exactly that path and the gateway answers.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SshKey } from "../../app/setup/ssh/ssh-key.ts";
import { writeWrapperScript } from "../../app/setup/ssh/wrapper-script.ts";
import { formatTarget, type SshTarget } from "../../app/ssh/ssh-target.ts";
import { SimDb } from "../imsg-sim/sim-db.ts";
import { forgetAuthorizedKey } from "../sshd/bot-user.ts";
import { LOOPBACK, type SshdHarness, sshdUnavailableReason, startSshd } from "../sshd/sshd-harness.ts";
import { trustedBotLink } from "../sshd/trusted-bot-link.ts";
import { type GatewayHarness, startGateway } from "./gateway-harness.ts";

const unavailable = sshdUnavailableReason();
if (unavailable && process.env.CI) throw new Error(`CI must run the SSH tests, but: ${unavailable}`);
if (unavailable) console.warn(`SKIPPING the SSH argument tests: ${unavailable}`);

describe.skipIf(unavailable)(
  `imsg's arguments through Pinch's wrapper${unavailable ? ` (skipped: ${unavailable})` : ""}`,
  () => {
    let sshd: SshdHarness;
    let key: SshKey;
    let target: SshTarget;
    let wrapperPath: string;
    let gateway: GatewayHarness | undefined;

    beforeAll(async () => {
      sshd = await startSshd();
      const dir = mkdtempSync(join(tmpdir(), "pinch-ssh-args-"));
      const link = await trustedBotLink(sshd, dir);
      key = link.key;
      const knownHostsFile = link.knownHosts;
      target = { user: sshd.bot.name, host: LOOPBACK, port: sshd.port };
      wrapperPath = join(dir, "ssh", "imsg-bot");
      const written = await writeWrapperScript(wrapperPath, {
        target,
        link: {
          identityFile: key.privateKeyPath,
          knownHostsFile,
          port: sshd.port,
          connectTimeoutSeconds: 10,
        },
        remoteImsg: sshd.remoteImsg,
        sshPath: "/usr/bin/ssh",
      });
      if (!written.ok) throw new Error(written.message);
    }, 60_000);

    afterEach(async () => {
      await gateway?.stop();
      gateway = undefined;
    });

    afterAll(async () => {
      if (key) forgetAuthorizedKey(sshd.bot, key.publicKey);
      await sshd?.stop();
    });

    /** A database of the bot's in `folder` (slashes make subfolders), answered through the wrapper. */
    async function answersFrom(folder: string): Promise<void> {
      const dbDir = join(sshd.botDir, folder);
      mkdirSync(dbDir, { recursive: true });
      const sim = SimDb.create({ path: join(dbDir, "chat.db") });
      execFileSync("chown", ["-R", `${sshd.bot.uid}:${sshd.bot.gid}`, sshd.botDir]);
      gateway = await startGateway({
        sim,
        imessage: {
          accounts: {
            bot: {
              cliPath: wrapperPath,
              dbPath: sim.path,
              remoteHost: formatTarget(target),
              dmPolicy: "open",
              allowFrom: ["*"],
            },
          },
        },
      });
      gateway.sim.injectInbound({ from: "+15550100001", text: `from ${folder}` });
      const [reply] = await gateway.waitForSent(1, { timeoutMs: 20_000 });
      expect(reply?.text).toBe(`echo: from ${folder}`);
    }

    it("never runs a command substitution in dbPath on the bot's side, and imsg gets the literal path", async () => {
      const marker = join(tmpdir(), `pinch-m1-${randomBytes(6).toString("hex")}`);
      try {
        await answersFrom(`db $(touch ${marker})`);
        expect(existsSync(marker)).toBe(false);
      } finally {
        rmSync(marker, { force: true });
      }
    }, 60_000);

    it("passes a dbPath with spaces and quotes to imsg whole", async () => {
      await answersFrom(`Messages  Copy it's "here"`);
    }, 60_000);
  },
);
