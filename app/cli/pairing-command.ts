import { existsSync, readdirSync } from "node:fs";
import { type AccountPairingStore, findCodeOwner } from "../access/pairing-code-owner.ts";
import { PairingStore } from "../access/pairing-store.ts";
import { APPROVED_NOTICE } from "../channel/pairing-messages.ts";
import { isAccountId } from "../config/account-id.ts";
import { describeConfigError } from "../config/config-errors.ts";
import { type ConfigLoadResult, loadConfigFile, missingConfigMessage } from "../config/config-file.ts";
import { DEFAULT_ACCOUNT_ID, resolveAccounts } from "../config/resolve-accounts.ts";
import { runningGatewayPid } from "../gateway/state-dir-lock.ts";
import { sendThroughOwnImsg } from "../imsg/send-once.ts";
import { accountsStateDir, pairingStorePath } from "../state/state-paths.ts";
import { ExitCode, resolveCliPaths, UsageError } from "./cli-paths.ts";

export interface PairingFlags {
  config?: string | undefined;
  stateDir?: string | undefined;
  account?: string | undefined;
  json?: boolean | undefined;
  notify?: boolean | undefined;
}

/**
 * `pinch pairing list|approve|dismiss imessage …`. Works with or without a
 * running gateway on the same state directory: the store is a locked file the
 * gateway watches, so an approval applies without a restart. Without
 * `--account` it covers every account: the list names each request's account,
 * and a code finds the account that issued it.
 */
export async function runPairingCommand(args: string[], flags: PairingFlags): Promise<number> {
  const [action, channel, code] = args;
  if (channel !== "imessage") throw new UsageError('the channel is "imessage": pinch pairing list imessage');
  const { configPath, stateDir } = resolveCliPaths(flags);
  const loaded = await loadConfigFile(configPath);
  const known = knownAccountIds(loaded, stateDir);
  if (flags.account !== undefined && loaded.ok && loaded.missing) {
    throw new UsageError(`no account "${flags.account}": ${missingConfigMessage(configPath)}`);
  }
  if (flags.account !== undefined && loaded.ok && !known.includes(flags.account)) {
    throw new UsageError(`no account "${flags.account}" in ${configPath} (accounts: ${known.join(", ")})`);
  }
  const stores: AccountPairingStore[] = (flags.account === undefined ? known : [flags.account]).map(
    (accountId) => ({ accountId, store: new PairingStore(pairingStorePath(stateDir, accountId)) }),
  );

  switch (action) {
    case "list":
      return listRequests(stores, flags.json === true);
    case "approve":
    case "dismiss": {
      if (!code) throw new UsageError(`pinch pairing ${action} imessage <CODE>`);
      // With one account its store explains the code itself (unknown or expired).
      const found =
        stores.length === 1 && stores[0]
          ? { ok: true as const, owner: stores[0] }
          : findCodeOwner(stores, code);
      if (!found.ok) return fail(found.message);
      const { accountId, store } = found.owner;
      if (action === "dismiss") return report(await store.dismiss(code), "Dismissed", accountId);
      const gatewayRunning = runningGatewayPid(stateDir) !== null;
      const result = await store.approve(code, { notifyViaGateway: flags.notify === true && gatewayRunning });
      const exit = report(result, "Approved", accountId);
      if (!result.ok || !flags.notify || gatewayRunning) return exit;
      if (!loaded.ok)
        return fail(`could not notify the sender: ${loaded.errors.map(describeConfigError).join("; ")}`);
      if (loaded.missing) return fail(`could not notify the sender: ${missingConfigMessage(configPath)}`);
      const account = resolveAccounts(loaded.config).find((item) => item.id === accountId);
      if (!account) return fail(`could not notify the sender: no account "${accountId}" in ${configPath}`);
      return notifyDirectly(account.cliPath, account.dbPath, result.request.chatId, result.request.sender);
    }
    default:
      throw new UsageError("pinch pairing list|approve|dismiss imessage [CODE] [--account ID]");
  }
}

/**
 * Every account the config names. A config that does not load still leaves
 * the stores on disk: then the accounts are those with one in the state directory.
 */
function knownAccountIds(loaded: ConfigLoadResult, stateDir: string): string[] {
  const ids = loaded.ok
    ? resolveAccounts(loaded.config).map((account) => account.id)
    : accountsWithPairingStore(stateDir);
  return ids.length > 0 ? ids : [DEFAULT_ACCOUNT_ID];
}

function accountsWithPairingStore(stateDir: string): string[] {
  const parent = accountsStateDir(stateDir);
  if (!existsSync(parent)) return [];
  // A folder no account could own (`.DS_Store`, a copy made by hand) is not an account.
  return readdirSync(parent).filter((id) => isAccountId(id) && existsSync(pairingStorePath(stateDir, id)));
}

function listRequests(stores: readonly AccountPairingStore[], json: boolean): number {
  const requests = stores.flatMap(({ accountId, store }) =>
    store.read().requests.map((request) => ({ account: accountId, ...request })),
  );
  const accounts = stores.map(({ accountId }) => accountId);
  if (json) {
    process.stdout.write(`${JSON.stringify({ accounts, requests }, null, 2)}\n`);
    return ExitCode.ok;
  }
  if (requests.length === 0) {
    const which = accounts.length === 1 ? `account ${accounts[0]}` : `accounts ${accounts.join(", ")}`;
    process.stdout.write(`No pending pairing requests for ${which}.\n`);
    return ExitCode.ok;
  }
  for (const request of requests) {
    const minutes = Math.max(0, Math.round((request.expiresAt - Date.now()) / 60_000));
    const who = request.name ? `${request.sender} (${request.name})` : request.sender;
    process.stdout.write(`${request.code}  ${who}  account ${request.account}  expires in ${minutes} min\n`);
  }
  return ExitCode.ok;
}

function report(
  result: Awaited<ReturnType<PairingStore["approve"]>>,
  verb: "Approved" | "Dismissed",
  accountId: string,
): number {
  if (!result.ok) return fail(result.message);
  process.stdout.write(
    `${verb} ${result.request.sender} (${result.request.code}) on account ${accountId}.\n`,
  );
  return ExitCode.ok;
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return ExitCode.failure;
}

/** No gateway is running: talk to imsg ourselves, just for this one message. */
async function notifyDirectly(
  cliPath: string,
  dbPath: string | undefined,
  chatId: number | undefined,
  sender: string,
): Promise<number> {
  const target = chatId === undefined ? { to: sender } : { chat_id: chatId };
  try {
    await sendThroughOwnImsg({ cliPath, dbPath }, [{ ...target, text: APPROVED_NOTICE }]);
    process.stdout.write(`Told ${sender}.\n`);
    return ExitCode.ok;
  } catch (error) {
    process.stderr.write(`approved, but could not tell ${sender}: ${(error as Error).message}\n`);
    return ExitCode.failure;
  }
}
