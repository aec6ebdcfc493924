import type { Logger } from "../log/logger.ts";
import { RpcErrorCode } from "./protocol.ts";
import type { RpcClient } from "./rpc-client.ts";
import { RpcFailure } from "./rpc-error.ts";

/**
 * One health check of a running child: true when it answered (or is busy
 * with other requests); a child that does not answer is killed, so its exit
 * restarts it. `isCurrent` says whether the child is still the live one by
 * the time the check fails.
 */
export async function pingImsg(
  client: RpcClient,
  options: { timeoutMs: number; isCurrent: () => boolean; log: Logger },
): Promise<boolean> {
  // imsg serves requests in order: a ping queued behind a long send would time out for no
  // fault of the child. A busy child is watched by its own requests' timeouts instead.
  if (client.pendingRequests > 0) return false;
  try {
    await client.call("chats.list", { limit: 1 }, { timeoutMs: options.timeoutMs });
    return true;
  } catch (error) {
    if (!options.isCurrent()) return false;
    // "Server busy" is an answer: the child is alive, only loaded.
    if (error instanceof RpcFailure && error.code === RpcErrorCode.serverBusy) return false;
    options.log.warn("imsg did not answer a health check; restarting it", {
      error: (error as Error).message,
    });
    client.kill();
    return false;
  }
}
