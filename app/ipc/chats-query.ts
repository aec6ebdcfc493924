import type { ResolvedAccount } from "../config/resolve-accounts.ts";
import { ChatsListResult } from "../imsg/protocol.ts";
import { resolveCliPath } from "../imsg/resolve-cli-path.ts";
import { RpcClient } from "../imsg/rpc-client.ts";
import type { Logger } from "../log/logger.ts";
import type { ChatView } from "./contract.ts";

// chats.list on a large database can take a while on first use (spec §8).
const CHATS_TIMEOUT_MS = 30_000;

/**
 * The Mac's real chats for the groups table: one short-lived `imsg rpc` of the account's own
 * cliPath and dbPath, so the answer is what that account's gateway would see.
 */
export async function listChats(
  account: ResolvedAccount,
  options: { limit: number; log: Logger; env?: NodeJS.ProcessEnv },
): Promise<ChatView[]> {
  const command = resolveCliPath(account.cliPath, options.env) ?? account.cliPath;
  const client = RpcClient.start({
    command,
    args: ["rpc", ...(account.dbPath ? ["--db", account.dbPath] : [])],
    log: options.log,
    ...(options.env ? { env: options.env } : {}),
  });
  try {
    const result = await client.call("chats.list", { limit: options.limit }, ChatsListResult, {
      timeoutMs: CHATS_TIMEOUT_MS,
    });
    return result.chats.map((chat) => {
      const name = chat.display_name || chat.name;
      return {
        id: chat.id,
        ...(name ? { name } : {}),
        ...(chat.identifier ? { identifier: chat.identifier } : {}),
        isGroup: chat.is_group,
        participants: chat.participants,
        ...(chat.last_message_at ? { lastMessageAt: chat.last_message_at } : {}),
      };
    });
  } finally {
    await client.close();
  }
}
