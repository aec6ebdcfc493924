import { matchesAllowList } from "../access/handles.ts";
import { IMSG_TIMEOUTS } from "../imsg/imsg-timeouts.ts";
import type { RpcClient } from "../imsg/rpc-client.ts";

/** Enough recent chats to find the owner's among them on any real Mac. */
const CHATS_SEARCHED = 500;

/**
 * The direct chat with the owner (`commands.ownerAllowFrom`; "*" names no
 * owner), for a message Pinch starts itself. Null when imsg is down, no owner
 * is named, or the owner never wrote from this Mac: a chat is needed to send.
 */
export async function findOwnerChat(
  client: RpcClient | null,
  ownerAllowFrom: readonly string[],
  region: string,
): Promise<number | null> {
  const owners = ownerAllowFrom.filter((entry) => entry.trim() !== "*");
  if (!client || owners.length === 0) return null;
  const { chats } = await client.call(
    "chats.list",
    { limit: CHATS_SEARCHED },
    { timeoutMs: IMSG_TIMEOUTS.slowReadMs },
  );
  const chat = chats.find(
    (candidate) =>
      !candidate.is_group &&
      candidate.identifier !== undefined &&
      matchesAllowList(owners, { sender: candidate.identifier }, region),
  );
  return chat?.id ?? null;
}
