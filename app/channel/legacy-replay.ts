import { IMSG_TIMEOUTS } from "../imsg/imsg-timeouts.ts";
import type { Message } from "../imsg/protocol.ts";
import type { RpcClient } from "../imsg/rpc-client.ts";
import type { Logger } from "../log/logger.ts";

/** After a long outage of the gateway only the most recent rows are replayed (spec §8). */
const REPLAY_MAX_ROWS = 500;

export interface LegacyReplay {
  /** The `since_rowid` of the watch. */
  watchFrom: number;
  /** Rows read through history instead of the watch, oldest first. */
  backlog: Message[];
  /** Rows up to here are skipped on purpose: the ledger's cursor may pass them. */
  skipTo?: number;
}

/**
 * Where an imsg without `messages.after` (before protocol 1) is watched
 * from. Its watch can replay after a rowid, but after a long outage only the
 * newest 500 rows are taken (the rest are skipped with a warning), and an
 * empty database's later rows cannot be asked for by rowid at all (imsg reads
 * since_rowid 0 as "the newest row"): those are read chat by chat.
 */
export async function legacyReplay(
  client: RpcClient,
  at: { cursor: number; newest: number; firstWatch: boolean; log: Logger },
): Promise<LegacyReplay> {
  const { cursor, newest } = at;
  // An imsg restart within this run resumes from the cursor whatever the gap: those rows are
  // this run's backlog. After a gateway restart only the newest rows are replayed.
  const since = at.firstWatch ? Math.max(cursor, newest - REPLAY_MAX_ROWS) : cursor;
  const backlog = since === 0 && newest > 0 ? await readBacklog(client, newest) : [];
  const watchFrom = backlog.length > 0 ? newest : since;
  if (since <= cursor) return { watchFrom, backlog };
  at.log.warn("more rows arrived while stopped than are replayed; skipping the oldest", {
    skipped: since - cursor,
  });
  return { watchFrom, backlog, skipTo: since };
}

/** Every row up to `newest`, oldest first, read chat by chat (bounded like any replay). */
async function readBacklog(client: RpcClient, newest: number): Promise<Message[]> {
  const chats = await client.call("chats.list", { limit: 100 }, { timeoutMs: IMSG_TIMEOUTS.slowReadMs });
  const rows: Message[] = [];
  for (const chat of chats.chats) {
    const history = await client.call("messages.history", {
      chat_id: chat.id,
      limit: REPLAY_MAX_ROWS,
      attachments: true,
    });
    rows.push(...history.messages.filter((message) => message.id <= newest));
  }
  return rows.sort((a, b) => a.id - b.id).slice(-REPLAY_MAX_ROWS);
}
