/**
 * `pinch setup ssh`: the SSH setup for a bot user or a remote Mac, step by
 * step, from a terminal. Re-runnable: each run reuses the key, checks the
 * host key against the recorded one, rewrites the wrapper, runs the whole
 * verification ladder and saves the account only when every step passed.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import {
  localBotInstallCommand,
  remoteInstallCommand,
  runLocalInstallCommand,
  withSudo,
} from "../setup/ssh/authorized-key-command.ts";
import { recordedHostKey, scanHostKey, trustHostKey } from "../setup/ssh/host-key.ts";
import { checkRemoteLogin } from "../setup/ssh/remote-login-check.ts";
import { ensurePinchKey, type KeyResult, pickExistingKey } from "../setup/ssh/ssh-key.ts";
import { verifySshSetup } from "../setup/ssh/verify-ssh-setup.ts";
import { DEFAULT_SSH_PATH, writeWrapperScript } from "../setup/ssh/wrapper-script.ts";
import { writeSshAccount } from "../setup/ssh/write-ssh-account.ts";
import { DEFAULT_CONNECT_TIMEOUT_SECONDS, type SshLink } from "../ssh/ssh-options.ts";
import { formatTarget, parseSshTarget } from "../ssh/ssh-target.ts";
import { ExitCode, resolveCliPaths, UsageError } from "./cli-paths.ts";

export const SETUP_SSH_USAGE = `pinch setup ssh USER@HOST --account ID --db PATH [--port N] [--key FILE]
      [--remote-imsg PATH] [--fingerprint SHA256:…] [--send-to HANDLE] [--name NAME]
      [--local-bot [--home DIR] [--install-key]] [--config FILE]`;

export async function runSetupSshCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      account: { type: "string" },
      db: { type: "string" },
      port: { type: "string" },
      key: { type: "string" },
      "remote-imsg": { type: "string" },
      fingerprint: { type: "string" },
      "send-to": { type: "string" },
      name: { type: "string" },
      "local-bot": { type: "boolean" },
      home: { type: "string" },
      "install-key": { type: "boolean" },
      config: { type: "string" },
    },
  });
  const [destination, ...extra] = positionals;
  if (!destination || extra.length > 0) throw new UsageError("setup ssh takes one USER@HOST");
  if (!values.account || !values.db) throw new UsageError("setup ssh needs --account ID and --db PATH");
  const parsed = parseSshTarget(destination, values.port === undefined ? 22 : Number(values.port));
  if (!parsed.ok) throw new UsageError(parsed.message);
  const target = parsed.target;
  if (!target.user) throw new UsageError("give the bot's user name: USER@HOST");
  const { configPath } = resolveCliPaths({ config: values.config });
  const sshDir = path.join(path.dirname(configPath), "ssh");

  const key: KeyResult = values.key
    ? await pickExistingKey(path.resolve(values.key))
    : await ensurePinchKey(sshDir);
  if (!key.ok) return fail("key", key.message, key.fix);
  ok("key", `${key.key.privateKeyPath}${key.created ? " (new)" : ""}`);

  const login = await checkRemoteLogin(target.host, target.port);
  if (!login.ok) return fail("remote login", login.message, `${login.fix} (${login.links[0] ?? ""})`);
  ok("remote login", login.banner);

  const knownHostsFile = path.join(sshDir, "known_hosts");
  const scan = await scanHostKey(target);
  if (!scan.ok) return fail("host key", scan.message, scan.fix);
  const recorded = await recordedHostKey(knownHostsFile, target);
  if (recorded?.blob !== scan.hostKey.blob) {
    if (recorded) {
      process.stdout.write(
        `! host key: ${target.host} now shows ${scan.hostKey.fingerprint}, but ${recorded.fingerprint} was confirmed before. Only continue if you know why it changed.\n`,
      );
    }
    if (values.fingerprint !== scan.hostKey.fingerprint) {
      return fail(
        "host key",
        `${target.host} shows ${scan.hostKey.type} ${scan.hostKey.fingerprint}`,
        `compare it with \`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub\` on that Mac, then run again with --fingerprint ${scan.hostKey.fingerprint}`,
      );
    }
    const trusted = await trustHostKey(knownHostsFile, scan.hostKey, values.fingerprint);
    if (!trusted.ok) return fail("host key", trusted.message, trusted.fix);
  }
  ok("host key", `${scan.hostKey.fingerprint} (recorded in ${knownHostsFile})`);

  const install = values["local-bot"]
    ? localBotInstallCommand({
        botUser: target.user,
        publicKey: key.key.publicKey,
        ...(values.home ? { homeDir: values.home } : {}),
      })
    : remoteInstallCommand(key.key.publicKey);
  if (!install.ok) return fail("authorised key", install.message, "check the user name");
  if (values["install-key"]) {
    if (!values["local-bot"]) throw new UsageError("--install-key works only with --local-bot");
    const ran = await runLocalInstallCommand(
      install.command,
      process.platform === "darwin" && process.getuid?.() !== 0 ? "admin-prompt" : "none",
    );
    if (ran.exitCode !== 0)
      return fail("authorised key", ran.stderr.trim() || `exit ${ran.exitCode}`, "run the command yourself");
    ok("authorised key", `installed for ${target.user}`);
  }

  const link: SshLink = {
    identityFile: key.key.privateKeyPath,
    knownHostsFile,
    port: target.port,
    connectTimeoutSeconds: DEFAULT_CONNECT_TIMEOUT_SECONDS,
  };
  const wrapperPath = path.join(sshDir, `imsg-${values.account}`);
  const wrapper = await writeWrapperScript(wrapperPath, {
    target,
    link,
    remoteImsg: values["remote-imsg"] ?? "imsg",
    sshPath: DEFAULT_SSH_PATH,
  });
  if (!wrapper.ok) return fail("wrapper", wrapper.message, "check --remote-imsg");
  ok("wrapper", wrapperPath);

  const report = await verifySshSetup({
    target,
    link,
    wrapperPath,
    dbPath: values.db,
    ...(values["send-to"] ? { testSendTo: values["send-to"] } : {}),
  });
  for (const step of report.steps) {
    const mark = step.status === "passed" ? "✓" : step.status === "failed" ? "✗" : "-";
    process.stdout.write(`${mark} ${step.step}: ${step.message}\n`);
    if (step.fix) process.stdout.write(`  fix: ${step.fix}\n`);
    for (const link of step.links ?? []) process.stdout.write(`  open: ${link}\n`);
    if (step.step === "connect" && step.status === "failed" && /refused Pinch's key/.test(step.message)) {
      const where = values["local-bot"] ? "in Terminal on this Mac" : `on that Mac, as ${target.user}`;
      const command = values["local-bot"] ? withSudo(install.command) : install.command;
      process.stdout.write(`  run ${where}:\n    ${command}\n`);
    }
  }
  if (!report.ready) return ExitCode.failure;

  const saved = await writeSshAccount(configPath, {
    accountId: values.account,
    ...(values.name ? { name: values.name } : {}),
    cliPath: wrapperPath,
    dbPath: values.db,
    remoteHost: formatTarget(target),
  });
  if (!saved.ok) return fail("config", saved.message, "fix the config file, then run again");
  ok("config", `${saved.keyPath} saved in ${configPath}`);
  for (const note of saved.notes) process.stdout.write(`! ${note}\n`);
  return ExitCode.ok;
}

function ok(step: string, detail: string): void {
  process.stdout.write(`✓ ${step}: ${detail}\n`);
}

function fail(step: string, message: string, fix: string): number {
  process.stdout.write(`✗ ${step}: ${message}\n  fix: ${fix}\n`);
  return ExitCode.failure;
}
