import { PairingStore } from "../access/pairing-store.ts";
import { describeConfigError } from "../config/config-errors.ts";
import { loadConfigFile, missingConfigMessage } from "../config/config-file.ts";
import { type ResolvedAccount, resolveAccounts } from "../config/resolve-accounts.ts";
import { admitsSeveralDmSenders, dmScopeOf } from "../config/session-scope.ts";
import { pairingStorePath } from "../state/state-paths.ts";
import { ExitCode, resolveCliPaths } from "./cli-paths.ts";
import { type Check, formatCheck } from "./doctor-check.ts";
import { checkAccountImsg } from "./doctor-imsg-checks.ts";

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
      fix: loaded.missing
        ? missingConfigMessage(configPath)
        : "add channels.imessage (enabled, cliPath, dbPath) to the config",
    });
  }
  for (const account of accounts) {
    checks.push(...(await checkAccountImsg(account)));
    const shared = checkSharedDmSession(dmScopeOf(loaded.config), account, stateDir);
    if (shared) checks.push(shared);
  }
  for (const check of checks) print(check);
  return checks.every((check) => check.ok || check.warning) ? ExitCode.ok : ExitCode.failure;
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
  const approved = new PairingStore(pairingStorePath(stateDir, account.id)).read().approved.length;
  if (!admitsSeveralDmSenders(account, approved)) return undefined;
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
  process.stdout.write(formatCheck(check));
}
