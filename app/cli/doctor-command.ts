import { access, constants } from "node:fs/promises";
import { PairingStore } from "../access/pairing-store.ts";
import { describeConfigError } from "../config/config-errors.ts";
import { loadConfigFile } from "../config/config-file.ts";
import { type ResolvedAccount, resolveAccounts } from "../config/resolve-accounts.ts";
import { permissionFixes } from "../imsg/account-status.ts";
import { withImsgRpc } from "../imsg/imsg-link.ts";
import { IMSG_TIMEOUTS } from "../imsg/imsg-timeouts.ts";
import { resolveCliPath } from "../imsg/resolve-cli-path.ts";
import { classifyPermissionText } from "../imsg/rpc-error.ts";
import { silentLogger } from "../log/logger.ts";
import { describeFailure, runProcess } from "../process/run-process.ts";
import { readSshWrapper } from "../ssh/read-ssh-wrapper.ts";
import { pairingStorePath } from "../state/state-paths.ts";
import { ExitCode, resolveCliPaths } from "./cli-paths.ts";

/** `imsg --version` answers at once locally; through a wrapper it includes the ssh login. */
const VERSION_TIMEOUT_MS = 10_000;

export interface Check {
  name: string;
  ok: boolean;
  /** A risk worth fixing that does not stop Pinch from working. */
  warning?: boolean;
  detail: string;
  fix?: string;
}

/**
 * `pinch doctor`: every check a broken setup usually fails, each with the fix
 * a user can apply. Exit 0 when all pass, 1 otherwise, 2 for a bad config.
 */
export async function runDoctorCommand(flags: {
  config?: string | undefined;
  stateDir?: string | undefined;
}): Promise<number> {
  const { configPath, stateDir } = resolveCliPaths(flags);
  const loaded = await loadConfigFile(configPath);
  if (!loaded.ok) {
    print({
      name: "config",
      ok: false,
      detail: `${configPath} is invalid`,
      fix: loaded.errors.map(describeConfigError).join("\n       "),
    });
    return ExitCode.usage;
  }
  const checks: Check[] = [
    { name: "config", ok: true, detail: configPath },
    // What the gateway skips but runs without, such as a misspelt key.
    ...loaded.warnings.map((warning) => ({
      name: "config",
      ok: false,
      warning: true,
      detail: describeConfigError(warning),
    })),
  ];
  const accounts = resolveAccounts(loaded.config).filter((account) => account.enabled);
  if (accounts.length === 0) {
    checks.push({
      name: "accounts",
      ok: false,
      detail: "no enabled iMessage account",
      fix: "add channels.imessage (enabled, cliPath, dbPath) to the config",
    });
  }
  for (const account of accounts) {
    checks.push(...(await checkAccount(account)));
    const shared = checkSharedDmSession(loaded.config.session?.dmScope ?? "main", account, stateDir);
    if (shared) checks.push(shared);
  }
  for (const check of checks) print(check);
  return checks.every((check) => check.ok || check.warning) ? ExitCode.ok : ExitCode.failure;
}

async function checkAccount(account: ResolvedAccount): Promise<Check[]> {
  const label = (name: string) => `${account.id}: ${name}`;
  const cli = resolveCliPath(account.cliPath);
  if (!cli) {
    return [
      {
        name: label("imsg"),
        ok: false,
        detail: `${account.cliPath} not found`,
        fix: "install it with `brew install steipete/tap/imsg`, or set channels.imessage.cliPath",
      },
    ];
  }
  const checks: Check[] = [];
  const remoteHost = account.remoteHost ?? readSshWrapper(cli)?.remoteHost;
  if (remoteHost) {
    const source = account.remoteHost ? "channels.imessage.remoteHost" : "detected from the wrapper";
    checks.push({ name: label("remote Mac"), ok: true, detail: `${remoteHost} (${source})` });
  }
  const version = await runProcess(cli, ["--version"], { timeoutMs: VERSION_TIMEOUT_MS });
  if (version.exitCode !== 0) {
    const detail = `${cli} --version failed: ${describeFailure(version)}`;
    const fix = remoteHost
      ? `check that \`ssh ${remoteHost} imsg --version\` works without a prompt`
      : "reinstall imsg";
    return [...checks, { name: label("imsg"), ok: false, detail, fix }];
  }
  checks.push({ name: label("imsg"), ok: true, detail: `${cli} (${version.stdout.trim()})` });
  // A database on a remote Mac is not ours to open; the rpc check covers it.
  if (account.dbPath && !remoteHost) checks.push(await checkDatabase(label("database"), account.dbPath));
  checks.push(await checkRpc(label("rpc"), cli, account.dbPath));
  return checks;
}

async function checkDatabase(name: string, dbPath: string): Promise<Check> {
  try {
    await access(dbPath, constants.R_OK);
    return { name, ok: true, detail: dbPath };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      return {
        name,
        ok: false,
        detail: `${dbPath} does not exist`,
        fix: permissionFixes["database-missing"],
      };
    return { name, ok: false, detail: `${dbPath}: ${code}`, fix: permissionFixes["full-disk-access"] };
  }
}

async function checkRpc(name: string, cli: string, dbPath: string | undefined): Promise<Check> {
  try {
    const result = await withImsgRpc({ command: cli, dbPath }, { log: silentLogger }, (client) =>
      client.call("chats.list", { limit: 1 }, { timeoutMs: IMSG_TIMEOUTS.checkMs }),
    );
    return {
      name,
      ok: true,
      detail: `imsg rpc answers (${result.chats.length ? "chats found" : "no chats yet"})`,
    };
  } catch (error) {
    const message = (error as Error).message;
    const problem = classifyPermissionText(message);
    return {
      name,
      ok: false,
      detail: message,
      fix: problem
        ? permissionFixes[problem]
        : "check that this imsg supports `imsg rpc` (update it) and that its wrapper passes stdio through",
    };
  }
}

/**
 * With dmScope "main" every DM shares one conversation: one person's messages
 * reach the replies another person reads. Harmless with one sender, a leak with two.
 */
function checkSharedDmSession(
  dmScope: string,
  account: ResolvedAccount,
  stateDir: string,
): Check | undefined {
  if (dmScope !== "main") return undefined;
  const listed = account.allowFrom.filter((entry) => entry !== "*").length;
  const approved = new PairingStore(pairingStorePath(stateDir, account.id)).read().approved.length;
  if (!account.allowFrom.includes("*") && listed + approved <= 1) return undefined;
  return {
    name: `${account.id}: DM sessions`,
    ok: false,
    warning: true,
    detail:
      'every DM shares one conversation (session.dmScope is "main"), so senders can see each other\'s context',
    fix: 'set session.dmScope to "per-channel-peer"',
  };
}

function print(check: Check): void {
  const mark = check.ok ? "✓" : check.warning ? "!" : "✗";
  process.stdout.write(`${mark} ${check.name}: ${check.detail}\n`);
  if (check.fix) process.stdout.write(`  fix: ${check.fix}\n`);
}
