/**
 * Saves a verified SSH account as `channels.imessage.accounts.<id>`: one
 * atomic write through the config's only writer, keeping every other key of
 * the file and of that account (its allowlists, policies) as they were.
 */
import { type ConfigWriteResult, loadConfigFile, setConfigValue } from "../../config/config-file.ts";
import { formatKeyPath } from "../../config/key-path.ts";

export interface SshAccountEntry {
  accountId: string;
  name?: string;
  /** The wrapper script. */
  cliPath: string;
  /** The bot's chat.db, as a path on the target. */
  dbPath: string;
  /** `user@host`, for scp of attachments. */
  remoteHost: string;
}

export type WriteAccountResult =
  | { ok: true; configPath: string; keyPath: string; notes: string[] }
  | { ok: false; message: string };

const ACCOUNT_ID = /^[A-Za-z0-9_-]+$/;

export async function writeSshAccount(
  configPath: string,
  entry: SshAccountEntry,
): Promise<WriteAccountResult> {
  if (!ACCOUNT_ID.test(entry.accountId)) {
    return {
      ok: false,
      message: `the account id ${JSON.stringify(entry.accountId)} may only use letters, digits, "_" and "-"`,
    };
  }
  const loaded = await loadConfigFile(configPath);
  if (!loaded.ok)
    return {
      ok: false,
      message: `the config cannot be read: ${loaded.errors.map((error) => error.message).join("; ")}`,
    };
  const channel = (loaded.raw.channels as { imessage?: Record<string, unknown> } | undefined)?.imessage ?? {};
  const accounts = (channel.accounts ?? {}) as Record<string, Record<string, unknown>>;
  const notes: string[] = [];
  // Flat keys configure the "default" account only while there is no `accounts` map.
  if (Object.keys(accounts).length === 0 && (channel.cliPath !== undefined || channel.dbPath !== undefined)) {
    notes.push(
      "channels.imessage had a single flat account; with an accounts map its flat keys become defaults for every account. Add it back as accounts.default to keep running it.",
    );
  }
  const keyPath = formatKeyPath(["channels", "imessage", "accounts", entry.accountId]);
  const merged = {
    ...accounts[entry.accountId],
    ...(entry.name === undefined ? {} : { name: entry.name }),
    cliPath: entry.cliPath,
    dbPath: entry.dbPath,
    remoteHost: entry.remoteHost,
  };
  const written: ConfigWriteResult = await setConfigValue(configPath, keyPath, merged);
  if (!written.ok)
    return {
      ok: false,
      message: written.errors.map((error) => `${error.path}: ${error.message}`).join("; "),
    };
  return { ok: true, configPath, keyPath, notes };
}
