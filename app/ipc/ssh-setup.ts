/**
 * The window's bot-user / remote-Mac setup: the same steps as `pinch setup ssh`, composed from the
 * SSH back end of app/setup/ssh, but answered as a list of step results (each with its message,
 * fix and, where one exists, the command to run) instead of printed lines. The host key is never
 * trusted without the user confirming the fingerprint the window showed them.
 */
import path from "node:path";
import { describeConfigError } from "../config/config-errors.ts";
import { loadConfigFile, setConfigValue } from "../config/config-file.ts";
import {
  localBotInstallCommand,
  remoteInstallCommand,
  runLocalInstallCommand,
  withSudo,
} from "../setup/ssh/authorized-key-command.ts";
import { recordedHostKey, scanHostKey, trustHostKey } from "../setup/ssh/host-key.ts";
import { checkRemoteLogin } from "../setup/ssh/remote-login-check.ts";
import { ensurePinchKey } from "../setup/ssh/ssh-key.ts";
import { verifySshSetup } from "../setup/ssh/verify-ssh-setup.ts";
import { DEFAULT_SSH_PATH, writeWrapperScript } from "../setup/ssh/wrapper-script.ts";
import { writeSshAccount } from "../setup/ssh/write-ssh-account.ts";
import { DEFAULT_CONNECT_TIMEOUT_SECONDS, type SshLink } from "../ssh/ssh-options.ts";
import { formatTarget, parseSshTarget } from "../ssh/ssh-target.ts";
import type { SshSetupRequest, SshSetupResult, SshStep } from "./contract.ts";

export async function runSshSetup(request: SshSetupRequest, configPath: string): Promise<SshSetupResult> {
  const steps: SshStep[] = [];
  const done = (extra: Partial<SshSetupResult> = {}): SshSetupResult => ({ steps, saved: false, ...extra });
  const failed = (step: string, message: string, fix?: string, command?: string) => {
    steps.push({ step, status: "failed", message, ...(fix ? { fix } : {}), ...(command ? { command } : {}) });
    return done();
  };

  const parsed = parseSshTarget(request.destination, request.port);
  if (!parsed.ok) return failed("address", parsed.message, "write it as user@host");
  const target = parsed.target;
  if (!target.user) return failed("address", "the bot's user name is missing", "write it as user@host");
  const sshDir = path.join(path.dirname(configPath), "ssh");

  const key = await ensurePinchKey(sshDir);
  if (!key.ok) return failed("key", key.message, key.fix);
  steps.push({
    step: "key",
    status: "passed",
    message: `${key.key.privateKeyPath}${key.created ? " (new)" : ""}`,
  });

  const login = await checkRemoteLogin(target.host, target.port);
  if (!login.ok) return failed("remote login", login.message, login.fix);
  steps.push({ step: "remote login", status: "passed", message: login.banner });

  const knownHostsFile = path.join(sshDir, "known_hosts");
  const scan = await scanHostKey(target);
  if (!scan.ok) return failed("host key", scan.message, scan.fix);
  const recorded = await recordedHostKey(knownHostsFile, target);
  if (recorded?.blob !== scan.hostKey.blob) {
    if (request.fingerprint !== scan.hostKey.fingerprint) {
      steps.push({
        step: "host key",
        status: "confirm",
        message: recorded
          ? `${target.host} now shows ${scan.hostKey.fingerprint}, but ${recorded.fingerprint} was confirmed before. Only trust it if you know why it changed.`
          : `${target.host} shows ${scan.hostKey.type} ${scan.hostKey.fingerprint}.`,
        fix: "Compare it with `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` run on that Mac.",
      });
      return done({ fingerprint: scan.hostKey.fingerprint });
    }
    const trusted = await trustHostKey(knownHostsFile, scan.hostKey, request.fingerprint);
    if (!trusted.ok) return failed("host key", trusted.message, trusted.fix);
  }
  steps.push({ step: "host key", status: "passed", message: scan.hostKey.fingerprint });

  const install = request.localBot
    ? localBotInstallCommand({
        botUser: target.user,
        publicKey: key.key.publicKey,
        ...(request.botHome ? { homeDir: request.botHome } : {}),
      })
    : remoteInstallCommand(key.key.publicKey);
  if (!install.ok) return failed("authorised key", install.message, "check the user name");
  const installCommand = request.localBot ? withSudo(install.command) : install.command;
  if (request.installKey && request.localBot) {
    const elevation = process.platform === "darwin" && process.getuid?.() !== 0 ? "admin-prompt" : "none";
    const ran = await runLocalInstallCommand(install.command, elevation);
    if (ran.exitCode !== 0) {
      return failed(
        "authorised key",
        ran.stderr.trim() || `exit ${ran.exitCode}`,
        "run the command yourself",
        installCommand,
      );
    }
    steps.push({ step: "authorised key", status: "passed", message: `installed for ${target.user}` });
  }

  const link: SshLink = {
    identityFile: key.key.privateKeyPath,
    knownHostsFile,
    port: target.port,
    connectTimeoutSeconds: DEFAULT_CONNECT_TIMEOUT_SECONDS,
  };
  const wrapperPath = path.join(sshDir, `imsg-${request.accountId}`);
  const wrapper = await writeWrapperScript(wrapperPath, {
    target,
    link,
    remoteImsg: request.remoteImsg ?? "imsg",
    sshPath: DEFAULT_SSH_PATH,
  });
  if (!wrapper.ok) return failed("wrapper", wrapper.message, "give imsg's full path on that Mac");
  steps.push({ step: "wrapper", status: "passed", message: wrapperPath });

  const report = await verifySshSetup({
    target,
    link,
    wrapperPath,
    dbPath: request.dbPath,
    ...(request.sendTo ? { testSendTo: request.sendTo } : {}),
  });
  for (const step of report.steps) {
    const keyRefused =
      step.step === "connect" && step.status === "failed" && /refused Pinch's key/.test(step.message);
    steps.push({
      step: step.step,
      status: step.status,
      message: step.message,
      ...(step.fix ? { fix: step.fix } : {}),
      ...(keyRefused ? { command: installCommand } : {}),
    });
  }
  if (!report.ready) return done({ keyRefused: steps.some((step) => step.command === installCommand) });

  // The single flat account keeps running as "default" once an accounts map exists.
  const kept = await keepFlatAccount(configPath);
  if (!kept.ok) return failed("config", kept.message, "fix the config file, then try again");
  const saved = await writeSshAccount(configPath, {
    accountId: request.accountId,
    ...(request.name ? { name: request.name } : {}),
    cliPath: wrapperPath,
    dbPath: request.dbPath,
    remoteHost: formatTarget(target),
  });
  if (!saved.ok) return failed("config", saved.message, "fix the config file, then try again");
  steps.push({
    step: "config",
    status: "passed",
    message: `${saved.keyPath} saved`,
    ...(saved.notes[0] ? { fix: saved.notes.join(" ") } : {}),
  });
  return done({ saved: true });
}

async function keepFlatAccount(configPath: string): Promise<{ ok: true } | { ok: false; message: string }> {
  const loaded = await loadConfigFile(configPath);
  if (!loaded.ok) return { ok: false, message: loaded.errors.map(describeConfigError).join("; ") };
  const channel = (loaded.raw.channels as { imessage?: Record<string, unknown> } | undefined)?.imessage;
  const accounts = channel?.accounts as Record<string, unknown> | undefined;
  if (!channel || (accounts && Object.keys(accounts).length > 0)) return { ok: true };
  const result = await setConfigValue(configPath, "channels.imessage.accounts.default", {});
  return result.ok ? { ok: true } : { ok: false, message: result.errors.map(describeConfigError).join("; ") };
}
