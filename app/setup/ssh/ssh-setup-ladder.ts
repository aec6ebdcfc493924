/**
 * The SSH setup for a bot user or a remote Mac, written once for `pinch setup
 * ssh` and the window: target → key → Remote Login → host key → authorised
 * key → wrapper → the verification ladder → the account in the config.
 * Re-runnable: each run reuses the key, checks the host key against the
 * recorded one (never trusting one the user has not confirmed), rewrites the
 * wrapper, and saves the account only when every step passed. Each step is
 * reported as it is decided; the caller prints it or collects it.
 */
import path from "node:path";
import { describeFailure } from "../../process/run-process.ts";
import { DEFAULT_CONNECT_TIMEOUT_SECONDS, type SshLink } from "../../ssh/ssh-options.ts";
import { formatTarget, parseSshTarget, type SshTarget } from "../../ssh/ssh-target.ts";
import {
  type CommandResult,
  type LocalInstallResult,
  localBotInstallCommand,
  remoteInstallCommand,
  runLocalInstallCommand,
} from "./authorized-key-command.ts";
import { recordedHostKey, scanHostKey, trustHostKey } from "./host-key.ts";
import { checkRemoteLogin } from "./remote-login-check.ts";
import { ensurePinchKey, pickExistingKey, type SshKey } from "./ssh-key.ts";
import { type StepResult, verifySshSetup } from "./verify-ssh-setup.ts";
import { DEFAULT_SSH_PATH, writeWrapperScript } from "./wrapper-script.ts";
import { writeSshAccount } from "./write-ssh-account.ts";

export interface SshSetupInput {
  /** `user@host` of the bot user (this Mac) or the remote Mac. */
  destination: string;
  port: number;
  accountId: string;
  name?: string | undefined;
  /** The Messages database as that user sees it. */
  dbPath: string;
  /** imsg's path there; `imsg` when it is on the PATH an SSH command gets. */
  remoteImsg?: string | undefined;
  /** A second user on this Mac rather than another Mac. */
  localBot: boolean;
  botHome?: string | undefined;
  /** A handle that receives one real test message. */
  sendTo?: string | undefined;
  /** The host key fingerprint the user compared and confirmed. */
  fingerprint?: string | undefined;
  /** Install Pinch's key for the local bot user (behind the administrator prompt on a Mac). */
  installKey?: boolean | undefined;
  /** The user's own private key instead of Pinch's. */
  keyFile?: string | undefined;
}

export interface SetupStep {
  step: string;
  /** `confirm`: the setup waits for the user to confirm `fingerprint`. */
  status: "passed" | "failed" | "skipped" | "confirm";
  message: string;
  fix?: string;
  /** What the user must run to authorise Pinch's key, and where. */
  command?: { text: string; where: string };
  links?: readonly string[];
  /** The host key fingerprint the user must compare and confirm. */
  fingerprint?: string;
  /** The host key changed since the user confirmed one: said before the step itself. */
  warning?: string;
}

export interface SshSetupOutcome {
  steps: SetupStep[];
  /** The scanned host key's fingerprint, while it waits for the user's confirmation. */
  fingerprint?: string;
  /** ssh refused Pinch's key: running the authorised-key command is the next move. */
  keyRefused: boolean;
  /** The account is in the config. */
  saved: boolean;
}

/** The bot's `user@host`: a plain name each, and the user is required (the key is installed for them). */
export function parseBotTarget(
  destination: string,
  port: number,
): { ok: true; target: SshTarget & { user: string } } | { ok: false; message: string } {
  const parsed = parseSshTarget(destination, port);
  if (!parsed.ok) return parsed;
  const { user } = parsed.target;
  if (!user) return { ok: false, message: "the bot's user name is missing" };
  return { ok: true, target: { ...parsed.target, user } };
}

export async function runSshSetupLadder(
  input: SshSetupInput,
  configPath: string,
  onStep: (step: SetupStep) => void = () => {},
): Promise<SshSetupOutcome> {
  const steps: SetupStep[] = [];
  const report = (step: SetupStep) => {
    steps.push(step);
    onStep(step);
  };
  const end = (extra: Partial<SshSetupOutcome> = {}): SshSetupOutcome => ({
    steps,
    keyRefused: false,
    saved: false,
    ...extra,
  });
  const fail = (step: string, message: string, fix: string, more: Partial<SetupStep> = {}) => {
    report({ step, status: "failed", message, fix, ...more });
    return end();
  };

  const parsed = parseBotTarget(input.destination, input.port);
  if (!parsed.ok) return fail("address", parsed.message, "write it as user@host");
  const target = parsed.target;
  const sshDir = path.join(path.dirname(configPath), "ssh");

  const key = input.keyFile ? await pickExistingKey(input.keyFile) : await ensurePinchKey(sshDir);
  if (!key.ok) return fail("key", key.message, key.fix);
  report({
    step: "key",
    status: "passed",
    message: `${key.key.privateKeyPath}${key.created ? " (new)" : ""}`,
  });

  const login = await checkRemoteLogin(target.host, target.port);
  if (!login.ok) return fail("remote login", login.message, login.fix, { links: login.links });
  report({ step: "remote login", status: "passed", message: login.banner });

  const knownHostsFile = path.join(sshDir, "known_hosts");
  const scan = await scanHostKey(target);
  if (!scan.ok) return fail("host key", scan.message, scan.fix);
  const { hostKey } = scan;
  const recorded = await recordedHostKey(knownHostsFile, target);
  const changed =
    recorded && recorded.blob !== hostKey.blob
      ? {
          warning: `${target.host} now shows ${hostKey.fingerprint}, but ${recorded.fingerprint} was confirmed before. Only trust it if you know why it changed.`,
        }
      : {};
  if (recorded?.blob !== hostKey.blob) {
    if (input.fingerprint !== hostKey.fingerprint) {
      report({
        step: "host key",
        status: "confirm",
        message: `${target.host} shows ${hostKey.type} ${hostKey.fingerprint}`,
        fix: "compare it with `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on that Mac",
        fingerprint: hostKey.fingerprint,
        ...changed,
      });
      return end({ fingerprint: hostKey.fingerprint });
    }
    const trusted = await trustHostKey(knownHostsFile, hostKey, input.fingerprint);
    if (!trusted.ok) return fail("host key", trusted.message, trusted.fix);
  }
  report({
    step: "host key",
    status: "passed",
    message: `${hostKey.fingerprint} (recorded in ${knownHostsFile})`,
    ...changed,
  });

  const install = installCommand(input, target.user, key.key);
  if (!install.ok) return fail("authorised key", install.message, "check the user name");
  const command = input.localBot
    ? { text: install.command, where: "in Terminal on this Mac" }
    : { text: install.command, where: `on that Mac, as ${target.user}` };
  if (input.installKey && "script" in install) {
    const ran = await runLocalInstallCommand(install, localElevation());
    if (ran.exitCode !== 0)
      return fail("authorised key", describeFailure(ran), "run the command yourself", { command });
    report({ step: "authorised key", status: "passed", message: `installed for ${target.user}` });
  }

  const link: SshLink = {
    identityFile: key.key.privateKeyPath,
    knownHostsFile,
    port: target.port,
    connectTimeoutSeconds: DEFAULT_CONNECT_TIMEOUT_SECONDS,
  };
  const wrapperPath = path.join(sshDir, `imsg-${input.accountId}`);
  const wrapper = await writeWrapperScript(wrapperPath, {
    target,
    link,
    remoteImsg: input.remoteImsg ?? "imsg",
    sshPath: DEFAULT_SSH_PATH,
  });
  if (!wrapper.ok) return fail("wrapper", wrapper.message, "give imsg's full path on that Mac");
  report({ step: "wrapper", status: "passed", message: wrapperPath });

  let keyRefused = false;
  const verified = await verifySshSetup({
    target,
    link,
    wrapperPath,
    dbPath: input.dbPath,
    ...(input.sendTo ? { testSendTo: input.sendTo } : {}),
    onStep: (step) => {
      // The one failure the user fixes by running the authorised-key command.
      const refused = isKeyRefused(step);
      keyRefused ||= refused;
      report({ ...step, ...(refused ? { command } : {}) });
    },
  });
  if (!verified.ready) return end({ keyRefused });

  const saved = await writeSshAccount(configPath, {
    accountId: input.accountId,
    ...(input.name ? { name: input.name } : {}),
    cliPath: wrapperPath,
    dbPath: input.dbPath,
    remoteHost: formatTarget(target),
  });
  if (!saved.ok) return fail("config", saved.message, "fix the config file, then try again");
  report({ step: "config", status: "passed", message: `${saved.keyPath} saved in ${configPath}` });
  return end({ saved: true });
}

function installCommand(
  input: SshSetupInput,
  botUser: string,
  key: SshKey,
): CommandResult | LocalInstallResult {
  if (!input.localBot) return remoteInstallCommand(key.publicKey);
  return localBotInstallCommand({
    botUser,
    publicKey: key.publicKey,
    ...(input.botHome ? { homeDir: input.botHome } : {}),
  });
}

/** Root (as in CI) becomes the bot directly; anyone else on a Mac goes through the administrator prompt. */
function localElevation(): "admin-prompt" | "none" {
  return process.platform === "darwin" && process.getuid?.() !== 0 ? "admin-prompt" : "none";
}

function isKeyRefused(step: StepResult): boolean {
  return step.step === "connect" && step.status === "failed" && /refused Pinch's key/.test(step.message);
}
