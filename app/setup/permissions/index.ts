/**
 * The permission checks behind the setup wizard.
 *
 *   checkPermissions({ accounts, env?, only?, home?, timeouts? }): Promise<PermissionReport>
 *
 * - `accounts`: `{ id, cliPath, dbPath?, remoteHost? }` per enabled account (resolveAccounts gives
 *   them); empty means "not configured yet" and checks a default local account (`imsg`, the
 *   user's ~/Library/Messages/chat.db).
 * - `only`: the checks to run, e.g. `["fullDiskAccess"]` while the wizard polls one step; the rest
 *   are absent from the report. `automation` and `messagesSignedIn` run osascript, and the first
 *   run of `automation` shows the macOS prompt, so a wizard asks for them only on their own step.
 * - Every result is a `PermissionResult` (`granted | denied | not-determined | not-applicable`,
 *   with `reason`, `fix` and a System Settings `settingsUrl` where a switch exists).
 * - Accounts on another Mac (`remoteHost`, or a detected SSH wrapper) make the local Full Disk
 *   Access, Automation and signed-in checks not-applicable; imsg and its RPC are checked through
 *   the wrapper.
 *
 * Helpers: `openImsgInstallInTerminal()` (runs `imsgInstallCommand` in Terminal),
 * `checkChosenImsg(file)` (a file the user picked runs as an imsg with rpc), `openMessagesApp()`
 * (`open -a Messages`), `settingsUrlCandidates(url)` (the macOS 13+ link form first, for openers).
 */
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { resolveCliPath } from "../../imsg/resolve-cli-path.ts";
import { readSshWrapper } from "../../ssh/read-ssh-wrapper.ts";
import { checkAutomation } from "./check-automation.ts";
import { checkFullDiskAccess } from "./check-full-disk-access.ts";
import { checkImsgInstalled } from "./check-imsg-installed.ts";
import { checkImsgRpc } from "./check-imsg-rpc.ts";
import { checkMessagesSignedIn } from "./check-messages-signed-in.ts";
import { checkHomebrew } from "./homebrew.ts";
import { type PermissionResult, PermissionResultSchema, worstResult } from "./permission-result.ts";

export { imsgInstallCommand, imsgReleasesUrl } from "../../imsg/imsg-install.ts";
export { checkChosenImsg } from "./check-chosen-imsg.ts";
export { findHomebrew, openImsgInstallInTerminal } from "./homebrew.ts";
export { minimumImsgVersion } from "./imsg-version.ts";
export { openMessagesApp } from "./open-messages.ts";
export * from "./permission-result.ts";
export { settingsUrl, settingsUrlCandidates } from "./settings-links.ts";

export const permissionCheckNames = [
  "fullDiskAccess",
  "automation",
  "messagesSignedIn",
  "homebrew",
  "imsgInstalled",
  "imsgReachable",
] as const;
export const PermissionCheckNameSchema = z.enum(permissionCheckNames);
export type PermissionCheckName = z.infer<typeof PermissionCheckNameSchema>;

export const AccountPermissionsSchema = z.object({
  accountId: z.string(),
  imsgInstalled: PermissionResultSchema.optional(),
  imsgReachable: PermissionResultSchema.optional(),
});

export const PermissionReportSchema = z.object({
  fullDiskAccess: PermissionResultSchema.optional(),
  automation: PermissionResultSchema.optional(),
  messagesSignedIn: PermissionResultSchema.optional(),
  homebrew: PermissionResultSchema.optional(),
  accounts: z.array(AccountPermissionsSchema),
});
export type PermissionReport = z.infer<typeof PermissionReportSchema>;

export interface PermissionAccount {
  id: string;
  cliPath: string;
  dbPath?: string | undefined;
  remoteHost?: string | undefined;
}

export interface CheckPermissionsOptions {
  accounts: PermissionAccount[];
  only?: readonly PermissionCheckName[];
  env?: NodeJS.ProcessEnv;
  /** Whose ~/Library/Messages/chat.db to check when an account sets no dbPath. */
  home?: string;
  timeouts?: { osascriptMs?: number; imsgMs?: number };
}

export async function checkPermissions(options: CheckPermissionsOptions): Promise<PermissionReport> {
  const env = options.env ?? process.env;
  const wanted = new Set<PermissionCheckName>(options.only ?? permissionCheckNames);
  const accounts = options.accounts.length > 0 ? options.accounts : [{ id: "default", cliPath: "imsg" }];
  const home = options.home ?? env.HOME ?? os.homedir();
  const local = accounts.filter((account) => !isRemote(account, env));
  const osascriptOptions = { env, ...withTimeout(options.timeouts?.osascriptMs) };
  const imsgOptions = { env, ...withTimeout(options.timeouts?.imsgMs) };
  const remoteOnly: PermissionResult = {
    status: "not-applicable",
    reason: "Every account runs imsg on another Mac; grant this permission there.",
  };

  const fullDiskAccess = wanted.has("fullDiskAccess")
    ? local.length === 0
      ? Promise.resolve(remoteOnly)
      : Promise.all(
          unique(local.map((account) => account.dbPath ?? defaultDbPath(home))).map(checkFullDiskAccess),
        ).then(worstResult)
    : undefined;
  // Sequential on purpose: the Automation probe may raise the prompt, and the account query would
  // only wait on the same prompt.
  const messages = (async () => {
    const automation = wanted.has("automation")
      ? local.length === 0
        ? remoteOnly
        : await checkAutomation(osascriptOptions)
      : undefined;
    const messagesSignedIn = wanted.has("messagesSignedIn")
      ? local.length === 0
        ? remoteOnly
        : await checkMessagesSignedIn(osascriptOptions)
      : undefined;
    return { automation, messagesSignedIn };
  })();
  const perAccount = Promise.all(
    accounts.map(async (account) => {
      const [imsgInstalled, imsgReachable] = await Promise.all([
        wanted.has("imsgInstalled") ? checkImsgInstalled(account.cliPath, imsgOptions) : undefined,
        wanted.has("imsgReachable") ? checkImsgRpc(account, imsgOptions) : undefined,
      ]);
      return { accountId: account.id, ...defined({ imsgInstalled, imsgReachable }) };
    }),
  );
  const homebrew = wanted.has("homebrew") ? checkHomebrew(env) : undefined;
  const [disk, { automation, messagesSignedIn }, accountResults] = await Promise.all([
    fullDiskAccess,
    messages,
    perAccount,
  ]);
  return {
    ...defined({ fullDiskAccess: disk, automation, messagesSignedIn, homebrew }),
    accounts: accountResults,
  };
}

export function defaultDbPath(home: string): string {
  return path.join(home, "Library", "Messages", "chat.db");
}

function isRemote(account: PermissionAccount, env: NodeJS.ProcessEnv): boolean {
  if (account.remoteHost) return true;
  const resolved = resolveCliPath(account.cliPath, env);
  return resolved !== null && Boolean(readSshWrapper(resolved)?.remoteHost);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function withTimeout(timeoutMs: number | undefined): { timeoutMs?: number } {
  return timeoutMs === undefined ? {} : { timeoutMs };
}

function defined<T extends Record<string, PermissionResult | undefined>>(
  results: T,
): { [K in keyof T]?: PermissionResult } {
  return Object.fromEntries(Object.entries(results).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: PermissionResult;
  };
}
