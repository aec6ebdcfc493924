import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { IMSG_TIMEOUTS } from "../imsg/imsg-timeouts.ts";
import type { Message } from "../imsg/protocol.ts";
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
const POLL_MS = 1_000;

/** What one part of a reply left in the chat: a row with its text, or a row carrying its file. */
export type SentPart = { text: string } | { fileName: string };

/**
 * The rowid of our own row for this part above `after` in the chat: the send
 * that may have landed. Sends to one chat run one at a time and every
 * earlier row of ours is at or below the floor, so a match above it is this
 * send, even when an earlier reply said the same words or sent the same file.
 * A file is known by its name: imsg stages it and Messages copies it, but
 * both keep the name.
 */
export async function findOwnRow(
  client: RpcClient,
  chatId: number,
  part: SentPart,
  after: number,
): Promise<number | undefined> {
  const isFile = "fileName" in part;
  for (let limit = FIRST_PAGE; ; limit *= 4) {
    const history = await client.call(
      "messages.history",
      { chat_id: chatId, limit, ...(isFile ? { attachments: true } : {}) },
      { timeoutMs: IMSG_TIMEOUTS.slowReadMs },
    );
    const found = history.messages.find(
      (message) =>
        message.is_from_me &&
        message.id > after &&
        (isFile ? carries(message, part.fileName) : message.text === part.text),
    );
    if (found) return found.id;
    // Newest first: a page that ends at or below the floor (or at the chat's first row) has seen every later row.
    const oldest = history.messages.at(-1);
    if (history.messages.length < limit || !oldest || oldest.id <= after || limit >= MAX_PAGE)
      return undefined;
  }
}

/**
 * Looks for the row now and then until `waitMs` has passed: a send still in
 * flight may land late. A look that fails (imsg restarting) is tried again.
 */
export async function awaitOwnRow(
  client: () => RpcClient | null,
  chatId: number,
  part: SentPart,
  after: number,
  waitMs: number,
): Promise<number | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const current = client();
    const found = current ? await findOwnRow(current, chatId, part, after).catch(() => undefined) : undefined;
    if (found !== undefined || Date.now() >= deadline) return found;
    await sleep(POLL_MS);
  }
}

function carries(message: Message, fileName: string): boolean {
  return (message.attachments ?? []).some((attachment) => {
    const named =
      attachment.transfer_name ?? attachment.original_path ?? attachment.filename ?? attachment.path;
    return named !== undefined && path.posix.basename(named) === fileName;
  });
}
