import { PairingStore } from "../access/pairing-store.ts";
import { APPROVED_NOTICE } from "../channel/pairing-messages.ts";
import { describeConfigError } from "../config/config-errors.ts";
import { loadConfigFile } from "../config/config-file.ts";
import { DEFAULT_ACCOUNT_ID, resolveAccounts, resolveDefaultAccountId } from "../config/resolve-accounts.ts";
import { runningGatewayPid } from "../gateway/state-dir-lock.ts";
import { sendThroughOwnImsg } from "../imsg/send-once.ts";
import { pairingStorePath } from "../state/state-paths.ts";
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
 * gateway watches, so an approval applies without a restart.
 */
export async function runPairingCommand(args: string[], flags: PairingFlags): Promise<number> {
  const [action, channel, code] = args;
  if (channel !== "imessage") throw new UsageError('the channel is "imessage": pinch pairing list imessage');
  const { configPath, stateDir } = resolveCliPaths(flags);
  const loaded = await loadConfigFile(configPath);
  const config = loaded.ok ? loaded.config : {};
  const accountId = flags.account ?? resolveDefaultAccountId(config) ?? DEFAULT_ACCOUNT_ID;
  const store = new PairingStore(pairingStorePath(stateDir, accountId));

  switch (action) {
    case "list":
      return listRequests(store, accountId, flags.json === true);
    case "approve":
    case "dismiss": {
      if (!code) throw new UsageError(`pinch pairing ${action} imessage <CODE>`);
      if (action === "dismiss") return report(await store.dismiss(code), "Dismissed");
      const gatewayRunning = runningGatewayPid(stateDir) !== null;
      const result = await store.approve(code, { notifyViaGateway: flags.notify === true && gatewayRunning });
      const exit = report(result, "Approved");
      if (!result.ok || !flags.notify || gatewayRunning) return exit;
      if (!loaded.ok) {
        process.stderr.write(
          `could not notify the sender: ${loaded.errors.map(describeConfigError).join("; ")}\n`,
        );
        return ExitCode.failure;
      }
      const account = resolveAccounts(config).find((item) => item.id === accountId);
      if (!account) {
        process.stderr.write(`could not notify the sender: no account "${accountId}" in ${configPath}\n`);
        return ExitCode.failure;
      }
      return notifyDirectly(account.cliPath, account.dbPath, result.request.chatId, result.request.sender);
    }
    default:
      throw new UsageError("pinch pairing list|approve|dismiss imessage [CODE] [--account ID]");
  }
}

function listRequests(store: PairingStore, accountId: string, json: boolean): number {
  const { requests } = store.read();
  if (json) {
    process.stdout.write(`${JSON.stringify({ account: accountId, requests }, null, 2)}\n`);
    return ExitCode.ok;
  }
  if (requests.length === 0) {
    process.stdout.write(`No pending pairing requests for account ${accountId}.\n`);
    return ExitCode.ok;
  }
  for (const request of requests) {
    const minutes = Math.max(0, Math.round((request.expiresAt - Date.now()) / 60_000));
    const who = request.name ? `${request.sender} (${request.name})` : request.sender;
    process.stdout.write(`${request.code}  ${who}  expires in ${minutes} min\n`);
  }
  return ExitCode.ok;
}

function report(
  result: Awaited<ReturnType<PairingStore["approve"]>>,
  verb: "Approved" | "Dismissed",
): number {
  if (!result.ok) {
    process.stderr.write(`${result.message}\n`);
    return ExitCode.failure;
  }
  process.stdout.write(`${verb} ${result.request.sender} (${result.request.code}).\n`);
  return ExitCode.ok;
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
