/**
 * What the tests of a gateway on the bot user need before they write a
 * wrapper: Pinch's key, installed in the bot's authorized_keys the way the
 * setup does it, and the sshd's host key in a known_hosts of the test's own.
 */
import { join } from "node:path";
import {
  localBotInstallCommand,
  runLocalInstallCommand,
} from "../../app/setup/ssh/authorized-key-command.ts";
import { scanHostKey, trustHostKey } from "../../app/setup/ssh/host-key.ts";
import { ensurePinchKey, type SshKey } from "../../app/setup/ssh/ssh-key.ts";
import { LOOPBACK, type SshdHarness } from "./sshd-harness.ts";

export async function trustedBotLink(
  sshd: SshdHarness,
  dir: string,
): Promise<{ key: SshKey; knownHosts: string }> {
  const made = await ensurePinchKey(join(dir, "ssh"));
  if (!made.ok) throw new Error(made.message);
  const install = localBotInstallCommand({
    botUser: sshd.bot.name,
    publicKey: made.key.publicKey,
    homeDir: sshd.bot.home,
  });
  if (!install.ok) throw new Error(install.message);
  const installed = await runLocalInstallCommand(install, "none");
  if (installed.exitCode !== 0) throw new Error(installed.stderr);
  const knownHosts = join(dir, "ssh", "known_hosts");
  const scan = await scanHostKey({ user: sshd.bot.name, host: LOOPBACK, port: sshd.port });
  if (!scan.ok) throw new Error(scan.message);
  const trusted = await trustHostKey(knownHosts, scan.hostKey, scan.hostKey.fingerprint);
  if (!trusted.ok) throw new Error(trusted.message);
  return { key: made.key, knownHosts };
}
