import { IMSG_TIMEOUTS } from "../imsg/imsg-timeouts.ts";
import type { RpcClient } from "../imsg/rpc-client.ts";

/**
 * Checking whether an interrupted send went through reads the chat's newest
 * rows, few at first and more only while the page does not reach back to the
 * floor. imsg's history is slow on a large chat.db (it looks up reactions row
 * by row), and after a crash every chat checks at once: small pages and a
 * patient timeout keep that from turning into timeouts and restarts.
 */
const FIRST_PAGE = 10;
const MAX_PAGE = 640;

/**
 * The rowid of our own row with this text above `after` in the chat: the
 * send that may have landed. Sends to one chat run one at a time and every
 * earlier row of ours is at or below the floor, so a match above it is this
 * send, even when an earlier reply said the same words.
 */
export async function findOwnRow(
  client: RpcClient,
  chatId: number,
  text: string,
  after: number,
): Promise<number | undefined> {
  for (let limit = FIRST_PAGE; ; limit *= 4) {
    const history = await client.call(
      "messages.history",
      { chat_id: chatId, limit },
      { timeoutMs: IMSG_TIMEOUTS.slowReadMs },
    );
    const found = history.messages.find(
      (message) => message.is_from_me && message.text === text && message.id > after,
    );
    if (found) return found.id;
    // Newest first: a page that ends at or below the floor (or at the chat's first row) has seen every later row.
    const oldest = history.messages.at(-1);
    if (history.messages.length < limit || !oldest || oldest.id <= after || limit >= MAX_PAGE)
      return undefined;
  }
}
