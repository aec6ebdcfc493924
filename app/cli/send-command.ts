import { localeRegion } from "../access/phone-region.ts";
import { chunkText } from "../channel/chunk-text.ts";
import { parseTarget, toSendParams } from "../channel/targets.ts";
import { describeConfigError } from "../config/config-errors.ts";
import { loadConfigFile, missingConfigMessage } from "../config/config-file.ts";
import { resolveAccounts, resolveDefaultAccountId } from "../config/resolve-accounts.ts";
import { sendThroughOwnImsg } from "../imsg/send-once.ts";
import { ExitCode, resolveCliPaths, UsageError } from "./cli-paths.ts";

export interface SendFlags {
  config?: string | undefined;
  account?: string | undefined;
}

/**
 * `pinch send TARGET TEXT…`: one message from an account, to a chat or a
 * person, through that account's imsg and with its `service`, `region`,
 * `textChunkLimit` and `chunkMode`. The text goes as written: no response
 * prefix and no markdown reduction, which are for the agent's replies.
 */
export async function runSendCommand(args: string[], flags: SendFlags): Promise<number> {
  const [rawTarget, ...words] = args;
  const text = words.join(" ");
  if (rawTarget === undefined || text.trim() === "") {
    throw new UsageError("pinch send TARGET TEXT [--account ID]");
  }
  const { configPath } = resolveCliPaths(flags);
  const loaded = await loadConfigFile(configPath);
  if (!loaded.ok) {
    process.stderr.write(`pinch send: config ${configPath} is invalid:\n`);
    for (const error of loaded.errors) process.stderr.write(`  ${describeConfigError(error)}\n`);
    return ExitCode.usage;
  }
  if (loaded.missing) {
    process.stderr.write(`pinch send: ${missingConfigMessage(configPath)}\n`);
    return ExitCode.usage;
  }
  const accounts = resolveAccounts(loaded.config, { defaultRegion: localeRegion(process.env) });
  const accountId = flags.account ?? resolveDefaultAccountId(loaded.config) ?? accounts[0]?.id;
  const account = accounts.find((item) => item.id === accountId);
  if (!account) {
    const known = accounts.map((item) => item.id).join(", ") || "none";
    process.stderr.write(`pinch send: no account "${accountId}" in ${configPath} (accounts: ${known})\n`);
    return ExitCode.usage;
  }
  const target = parseTarget(rawTarget, account.region);
  if (!target.ok) {
    process.stderr.write(`pinch send: ${target.error}\n`);
    return ExitCode.usage;
  }
  const where = toSendParams(target.target, account);
  const chunks = chunkText(text, { limit: account.textChunkLimit, mode: account.chunkMode });
  try {
    await sendThroughOwnImsg(
      account,
      chunks.map((chunk) => ({ ...where, text: chunk })),
    );
  } catch (error) {
    process.stderr.write(`pinch send: imsg did not send the message: ${(error as Error).message}\n`);
    return ExitCode.failure;
  }
  const what = chunks.length === 1 ? "Sent" : `Sent in ${chunks.length} messages`;
  process.stdout.write(`${what} to ${rawTarget.trim()} from account ${account.id}.\n`);
  return ExitCode.ok;
}
