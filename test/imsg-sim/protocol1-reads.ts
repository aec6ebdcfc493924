/**
 * Protocol 1's reads and watch control, with strict params and imsg's
 * words for each refusal: `initialize`, `status`, `chats.list`,
 * `messages.history`, `messages.after`, `watch.subscribe`,
 * `watch.unsubscribe` and `message.send_status`. Everything but the first
 * two and `watch.unsubscribe` needs the database (-32002 while it cannot
 * be opened).
 */
import type { DatabaseResource } from "./database-resource.ts";
import type { FaultSwitches } from "./faults.ts";
import type { HistoryFilter, MessageRecord, MessageStore } from "./message-store.ts";
import { messagesAfterPage } from "./messages-after-page.ts";
import type { JsonObject } from "./payloads.ts";
import { invalidParams, serverBusy } from "./rpc-errors.ts";
import { DEFAULT_WATCH_DEBOUNCE_MS, type Params } from "./rpc-params.ts";
import { sendStatus } from "./send-status.ts";
import { PROTOCOL_VERSION, statusSnapshot } from "./status-snapshot.ts";
import { StrictParams } from "./strict-params.ts";
import { visibleMessages } from "./url-preview-folding.ts";

/** imsg 0.15 admits at most this many pending or active subscriptions. */
export const MAX_SUBSCRIPTIONS = 64;
const DEFAULT_BUFFER_LIMIT = 256;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/** A bad date is the caller's mistake in protocol 1 (-32602); imsg 0.9 called it an internal error. */
function isoDate(raw: string | undefined): Date | undefined {
  if (raw === undefined || raw === "") return undefined;
  const date = new Date(raw);
  if (!ISO_DATE.test(raw) || Number.isNaN(date.getTime()))
    throw invalidParams(`Invalid ISO8601 date: ${raw}`);
  return date;
}

function positiveChatId(p: StrictParams): number | undefined {
  const chatId = p.integer("chat_id");
  if (chatId !== undefined && chatId <= 0) throw invalidParams("chat_id must be a positive integer");
  return chatId;
}

/** History newest first, reading further back while folded link previews leave the page short. */
function historyRecords(
  store: MessageStore,
  chatId: number,
  limit: number,
  filter: HistoryFilter,
): MessageRecord[] {
  for (let physical = limit; ; physical *= 2) {
    const rows = store.history(chatId, physical, filter);
    const visible = visibleMessages(rows, store, "replace");
    if (rows.length < physical || visible.length >= limit) return visible.slice(0, limit);
  }
}

export class Protocol1Reads {
  private readonly resource: DatabaseResource;
  private readonly faults: FaultSwitches;
  private readonly version: string;

  constructor(resource: DatabaseResource, faults: FaultSwitches, version: string) {
    this.resource = resource;
    this.faults = faults;
    this.version = version;
  }

  initialize(params: Params): object {
    const p = new StrictParams(params, "initialize", ["protocol_version"]);
    const requested = p.integer("protocol_version");
    if (requested !== undefined && requested !== PROTOCOL_VERSION) {
      throw invalidParams(
        `unsupported protocol_version ${requested}; supported version is ${PROTOCOL_VERSION}`,
      );
    }
    return this.status({});
  }

  status(params: Params): object {
    new StrictParams(params, "status", []);
    return statusSnapshot(this.version, this.resource.snapshot(), this.faults.current.bridge === true);
  }

  chatsList(params: Params): JsonObject {
    const p = new StrictParams(params, "chats.list", ["limit", "unread_only", "unreadOnly"]);
    const limit = p.integer("limit") ?? 20;
    const unreadOnly = p.boolean("unread_only", ["unreadOnly"]) ?? false;
    const { store, payloads } = this.resource.require();
    if (unreadOnly && !store.features.readState) {
      throw invalidParams(
        "unread_only is unavailable because this Messages database has no read-state column",
      );
    }
    return { chats: store.chats.list(Math.max(limit, 1), unreadOnly).map((chat) => payloads.chat(chat)) };
  }

  messagesHistory(params: Params): JsonObject {
    const p = new StrictParams(params, "messages.history", [
      ...["chat_id", "limit", "participants", "start", "end", "attachments", "convert_attachments"],
    ]);
    const chatId = p.integer("chat_id");
    if (chatId === undefined) throw invalidParams("chat_id is required");
    if (chatId <= 0) throw invalidParams("chat_id must be a positive integer");
    const limit = p.integer("limit") ?? 50;
    const participants = p.stringArray("participants") ?? [];
    const start = p.string("start");
    const end = p.string("end");
    const attachments = p.boolean("attachments") ?? false;
    p.boolean("convert_attachments");
    const { store, payloads } = this.resource.require();
    const filter = { participants, start: isoDate(start), end: isoDate(end) };
    const messages = historyRecords(store, chatId, Math.max(limit, 1), filter).map((record) =>
      payloads.message(record, { attachments, reactions: true, decodeReactionEvents: false }),
    );
    return { messages };
  }

  messagesAfter(params: Params): JsonObject {
    const p = new StrictParams(params, "messages.after", [
      ...["since_rowid", "chat_id", "limit", "attachments", "convert_attachments", "include_reactions"],
    ]);
    const since = p.integer("since_rowid");
    if (since === undefined || since < 0) throw invalidParams("since_rowid must be a non-negative integer");
    const chatId = positiveChatId(p);
    const limit = p.integer("limit") ?? 100;
    if (limit < 1 || limit > 500) throw invalidParams("limit must be an integer between 1 and 500");
    const attachments = p.boolean("attachments") ?? false;
    p.boolean("convert_attachments");
    const includeReactions = p.boolean("include_reactions") ?? false;
    const { store, payloads } = this.resource.require();
    const page = messagesAfterPage(store, since, chatId, limit, includeReactions);
    return {
      messages: page.records.map((record) =>
        payloads.message(record, { attachments, reactions: true, decodeReactionEvents: true }),
      ),
      next_rowid: page.nextRowid,
      has_more: page.hasMore,
    };
  }

  watchSubscribe(params: Params): JsonObject {
    const p = new StrictParams(params, "watch.subscribe", [
      ...["chat_id", "since_rowid", "participants", "start", "end", "attachments", "convert_attachments"],
      ...["include_reactions", "debounce_ms", "debounceMs", "buffer_limit", "bufferLimit"],
    ]);
    const chatId = positiveChatId(p);
    const sinceRowId = p.integer("since_rowid");
    const participants = p.stringArray("participants") ?? [];
    const start = p.string("start");
    const end = p.string("end");
    const attachments = p.boolean("attachments") ?? false;
    p.boolean("convert_attachments");
    const includeReactions = p.boolean("include_reactions") ?? false;
    const debounceMs = p.integer("debounce_ms", ["debounceMs"]) ?? DEFAULT_WATCH_DEBOUNCE_MS;
    if (debounceMs < 0) throw invalidParams("debounce_ms must be a non-negative integer");
    const asked = p.integer("buffer_limit", ["bufferLimit"]) ?? DEFAULT_BUFFER_LIMIT;
    if (asked < 1 || asked > 4096) throw invalidParams("buffer_limit must be an integer between 1 and 4096");
    const filter = { start: isoDate(start), end: isoDate(end) };
    const { hub } = this.resource.require();
    const live = this.resource.hubs().reduce((total, each) => total + each.size, 0);
    if (live >= MAX_SUBSCRIPTIONS) throw serverBusy("subscription limit exceeded");
    const bufferLimit = Math.min(asked, this.faults.current.bufferLimit ?? asked);
    const subscription = hub.subscribe({
      chatId,
      sinceRowId,
      participants,
      ...filter,
      attachments,
      includeReactions,
      debounceMs,
      bufferLimit,
    });
    return { subscription, buffer_limit: bufferLimit };
  }

  watchUnsubscribe(params: Params): JsonObject {
    const p = new StrictParams(params, "watch.unsubscribe", ["subscription"]);
    const subscription = p.integer("subscription");
    if (subscription === undefined) throw invalidParams("subscription is required");
    if (subscription <= 0) throw invalidParams("subscription must be a positive integer");
    for (const hub of this.resource.hubs()) hub.unsubscribe(subscription);
    return { ok: true };
  }

  messageSendStatus(params: Params): JsonObject {
    const p = new StrictParams(params, "message.send_status", ["guid"]);
    const guid = (p.string("guid") ?? "").trim();
    if (guid === "") throw invalidParams("guid is required");
    return sendStatus(this.resource.require().db, guid, new Date());
  }
}
