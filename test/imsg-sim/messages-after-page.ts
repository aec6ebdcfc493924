/**
 * `messages.after` (protocol 1): one bounded page of rows after an exclusive
 * ROWID cursor, oldest first. `limit` counts the messages a reader sees; the
 * scan may consume more physical rows than that (link previews folded into
 * their text), so `next_rowid` is the physical scan cursor and can pass the
 * last returned message.
 */
import type { MessageRecord, MessageStore } from "./message-store.ts";
import { visibleMessages } from "./url-preview-folding.ts";

export interface MessagesAfterPage {
  records: MessageRecord[];
  nextRowid: number;
  hasMore: boolean;
}

export function messagesAfterPage(
  store: MessageStore,
  sinceRowid: number,
  chatId: number | undefined,
  limit: number,
  includeReactions: boolean,
): MessagesAfterPage {
  // One row more than asked for tells whether another page follows; grow the scan while previews hide rows.
  let physicalLimit = limit + 1;
  for (;;) {
    const physical = store.messagesAfter(sinceRowid, chatId, physicalLimit, includeReactions);
    const visible = visibleMessages(physical, store, "suppress");
    const overflow = visible[limit];
    if (overflow) {
      const consumed = physical.filter((record) => record.rowid < overflow.rowid);
      return {
        records: visibleMessages(consumed, store, "suppress"),
        nextRowid: consumed.at(-1)?.rowid ?? sinceRowid,
        hasMore: true,
      };
    }
    if (physical.length < physicalLimit) {
      return { records: visible, nextRowid: physical.at(-1)?.rowid ?? sinceRowid, hasMore: false };
    }
    physicalLimit *= 2;
  }
}
