import { IMSG_TIMEOUTS } from "../imsg/imsg-timeouts.ts";
import type { Message } from "../imsg/protocol.ts";
import type { RpcClient } from "../imsg/rpc-client.ts";

/** imsg's largest page. */
const PAGE = 500;

/**
 * Every row after `since`, in rowid order, a page at a time (imsg's
 * `messages.after`). Each page is handed on before the next is asked for,
 * and only once the pipeline has room, so 10,000 missed rows never sit in
 * memory at once. Returns imsg's scan cursor after the last page: the row to
 * watch from.
 */
export async function readAfter(
  client: RpcClient,
  since: number,
  includeReactions: boolean,
  sink: { deliver(message: Message): void; room(): Promise<void> },
): Promise<number> {
  let cursor = since;
  for (;;) {
    const page = await client.call(
      "messages.after",
      {
        since_rowid: cursor,
        limit: PAGE,
        attachments: true,
        ...(includeReactions ? { include_reactions: true } : {}),
      },
      { timeoutMs: IMSG_TIMEOUTS.slowReadMs },
    );
    for (const message of page.messages) sink.deliver(message);
    // The scan cursor, not the last message: folded preview rows can put it further.
    cursor = Math.max(cursor, page.next_rowid);
    if (!page.has_more) return cursor;
    await sink.room();
  }
}
