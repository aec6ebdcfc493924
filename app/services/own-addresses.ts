import type { ResolvedAccount } from "../config/resolve-accounts.ts";
import { accountLink, withImsgRpc } from "../imsg/imsg-link.ts";
import { IMSG_TIMEOUTS } from "../imsg/imsg-timeouts.ts";
import type { Logger } from "../log/logger.ts";

/** Enough recent direct chats to find every address the Mac receives at, without reading the whole database. */
const CHATS = 10;
const ROWS_PER_CHAT = 5;

/**
 * The addresses this account's Messages receives at (the phone number or Apple ID email a friend
 * texts), read from the `destination_caller_id` of recent direct messages with one short-lived
 * `imsg rpc`. Empty on a Mac that has no messages yet.
 */
export async function ownAddresses(
  account: ResolvedAccount,
  options: { log: Logger; env?: NodeJS.ProcessEnv },
): Promise<string[]> {
  const rpcOptions = { log: options.log, ...(options.env ? { env: options.env } : {}) };
  return withImsgRpc(accountLink(account, options.env), rpcOptions, async (client) => {
    const { chats } = await client.call("chats.list", { limit: CHATS }, { timeoutMs: IMSG_TIMEOUTS.checkMs });
    const found = new Map<string, string>();
    for (const chat of chats.filter((candidate) => !candidate.is_group)) {
      const { messages } = await client.call(
        "messages.history",
        { chat_id: chat.id, limit: ROWS_PER_CHAT },
        { timeoutMs: IMSG_TIMEOUTS.checkMs },
      );
      for (const message of messages) {
        const address = message.destination_caller_id?.trim();
        if (address) found.set(address.toLowerCase(), address);
      }
    }
    return [...found.values()];
  });
}
