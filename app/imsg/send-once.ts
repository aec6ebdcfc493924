import { silentLogger } from "../log/logger.ts";
import { accountLink, withImsgRpc } from "./imsg-link.ts";
import type { ImsgParams } from "./imsg-methods.ts";
import { IMSG_TIMEOUTS } from "./imsg-timeouts.ts";

/**
 * Sends messages through an `imsg rpc` child of our own, started for this and
 * closed after: for the CLI when no gateway is running, or when it need not be.
 * Messages go in order, each after the previous one was accepted.
 */
export async function sendThroughOwnImsg(
  account: { cliPath: string; dbPath?: string | undefined },
  messages: ImsgParams<"send">[],
): Promise<void> {
  await withImsgRpc(accountLink(account), { log: silentLogger }, async (client) => {
    for (const params of messages) await client.call("send", params, { timeoutMs: IMSG_TIMEOUTS.sendMs });
  });
}
