import type { ResolvedAccount } from "../config/resolve-accounts.ts";
import { accountLink, withImsgRpc } from "../imsg/imsg-link.ts";
import { IMSG_TIMEOUTS } from "../imsg/imsg-timeouts.ts";
import type { ChatView } from "../ipc/view-schemas.ts";
import type { Logger } from "../log/logger.ts";

/**
 * The Mac's real chats for the groups table: one short-lived `imsg rpc` of the account's own
 * cliPath and dbPath, so the answer is what that account's gateway would see.
 */
export async function listChats(
  account: ResolvedAccount,
  options: { limit: number; log: Logger; env?: NodeJS.ProcessEnv },
): Promise<ChatView[]> {
  const rpcOptions = { log: options.log, ...(options.env ? { env: options.env } : {}) };
  // chats.list on a large database can take a while on first use (spec §8).
  const result = await withImsgRpc(accountLink(account, options.env), rpcOptions, (client) =>
    client.call("chats.list", { limit: options.limit }, { timeoutMs: IMSG_TIMEOUTS.checkMs }),
  );
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
}
