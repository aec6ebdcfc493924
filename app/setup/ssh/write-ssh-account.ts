/**
 * Saves a verified SSH account as `channels.imessage.accounts.<id>`: one
 * atomic write through the config's only writer, keeping every other key of
 * the file and of that account (its allowlists, policies) as they were.
 */

import { accountIdProblem } from "../../config/account-id.ts";
import { ownChatLists } from "../../config/chat-scoped-keys.ts";
import { describeConfigError } from "../../config/config-errors.ts";
import { editConfigFile } from "../../config/config-file.ts";
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
  | { ok: true; configPath: string; keyPath: string }
  | { ok: false; message: string };

export async function writeSshAccount(
  configPath: string,
  entry: SshAccountEntry,
): Promise<WriteAccountResult> {
  const badId = accountIdProblem(entry.accountId);
  if (badId !== undefined) return { ok: false, message: badId };
  // Planned on the file as the transaction reads it, so a change made meanwhile is kept.
  const written = await editConfigFile(configPath, (raw) => {
    const channel = (raw.channels as { imessage?: Record<string, unknown> } | undefined)?.imessage;
    const accounts = (channel?.accounts ?? {}) as Record<string, Record<string, unknown>>;
    // Flat keys configure the "default" account only while there is no accounts map: keep it running as one.
    const keptFlat = channel !== undefined && Object.keys(accounts).length === 0 ? { default: {} } : {};
    const own = accounts[entry.accountId] ?? {};
    const account = {
      // Another database: the root's chat ids name other chats there (chat-scoped-keys.ts).
      ...ownChatLists(channel ?? {}, own),
      ...own,
      ...(entry.name === undefined ? {} : { name: entry.name }),
      cliPath: entry.cliPath,
      dbPath: entry.dbPath,
      remoteHost: entry.remoteHost,
    };
    return [
      {
        kind: "set",
        keyPath: "channels.imessage.accounts",
        value: { ...keptFlat, ...accounts, [entry.accountId]: account },
      },
    ];
  });
  if (!written.ok) return { ok: false, message: written.errors.map(describeConfigError).join("; ") };
  return {
    ok: true,
    configPath,
    keyPath: formatKeyPath(["channels", "imessage", "accounts", entry.accountId]),
  };
}
