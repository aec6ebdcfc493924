/**
 * `imsg rpc` as imsg 0.9 ran it (IMSG_SIM_PROTOCOL=legacy): the database is
 * opened at start, and a failed open makes every request fail with -32603
 * and the Full Disk Access banner (or, before 0.8.2, prints the banner and
 * exits); params are read leniently; errors are answered even to
 * notifications; only five methods exist.
 */
import { type OpenDatabase, openDatabase } from "./database-resource.ts";
import type { FaultSwitches } from "./faults.ts";
import { performSend, readSendRequest } from "./outgoing-send.ts";
import { isParseFailure, parseLegacyRequest } from "./request-parsing.ts";
import {
  internalError,
  invalidParams,
  methodNotFound,
  permissionBanner,
  RpcFailure,
  SQLITE_AUTHORIZATION_DENIED,
  SQLITE_CANNOT_OPEN,
} from "./rpc-errors.ts";
import {
  boolParam,
  debounceParam,
  intParam,
  isoDateParam,
  type Params,
  stringArrayParam,
} from "./rpc-params.ts";
import type { RpcSession, SessionContext } from "./rpc-session.ts";

export class LegacySession implements RpcSession {
  private readonly context: SessionContext;
  private readonly faults: FaultSwitches;
  private startupFailure: RpcFailure | undefined;
  private database: OpenDatabase | undefined;

  constructor(context: SessionContext) {
    this.context = context;
    this.faults = context.faults;
    const { dbPath, writer } = context;
    if (this.faults.current.dbUnreadable === "plain-text") {
      this.exitWithPlainTextBanner();
      return;
    }
    if (this.faults.current.dbUnreadable === "rpc-error") {
      this.startupFailure = internalError(permissionBanner(dbPath, SQLITE_AUTHORIZATION_DENIED));
    } else {
      let lastSubscription = 0;
      try {
        this.database = openDatabase(dbPath, {
          mode: "legacy",
          nextSubscriptionId: () => {
            lastSubscription += 1;
            return lastSubscription;
          },
          sink: {
            message: (subscription, message) => writer.notification("message", { subscription, message }),
            error: (subscription, message) =>
              writer.notification("error", { subscription, error: { message } }),
            overflow: () => {
              throw new Error("legacy subscriptions have no buffer limit");
            },
          },
        });
      } catch {
        this.startupFailure = internalError(permissionBanner(dbPath, SQLITE_CANNOT_OPEN));
      }
    }
    this.faults.onLoad((config) => {
      if (config.watchError === "once")
        this.database?.hub.failAll("SQLite error: database disk image is malformed");
    });
  }

  admit(): boolean {
    return false;
  }

  async handleLine(line: string): Promise<void> {
    if (this.faults.current.dbUnreadable === "plain-text") {
      this.exitWithPlainTextBanner();
      return;
    }
    const parsed = parseLegacyRequest(line);
    if (isParseFailure(parsed)) {
      this.answerError(parsed.id, "", parsed.failure);
      return;
    }
    const { id, method, params } = parsed;
    const failure =
      this.startupFailure ??
      (this.faults.current.dbUnreadable === "rpc-error"
        ? internalError(permissionBanner(this.context.dbPath, SQLITE_AUTHORIZATION_DENIED))
        : undefined);
    try {
      if (failure || !this.database) throw failure ?? internalError("database is not open");
      const result = await this.dispatch(this.database, method, params);
      // imsg drops results for requests without an id (notifications) but still reports their errors.
      if (id !== undefined) this.context.writer.response(id, result);
    } catch (error) {
      const rpcError = error instanceof RpcFailure ? error : internalError(errorText(error));
      this.answerError(id, method, rpcError);
    }
  }

  tick(): void {
    this.database?.hub.tick();
  }

  settle(): Promise<void> {
    return Promise.resolve();
  }

  close(): void {
    this.database?.hub.close();
  }

  exitCode(): number {
    return this.startupFailure ? 1 : 0;
  }

  /** imsg before 0.8.2: the banner as plain text on stdout, and exit 1 without reading stdin. */
  private exitWithPlainTextBanner(): void {
    this.context.writer.plainText(permissionBanner(this.context.dbPath, SQLITE_AUTHORIZATION_DENIED));
    this.context.finish(1);
  }

  /** Recorded first, so a test that has the answer can already read the record. */
  private answerError(id: unknown, method: string, failure: RpcFailure): void {
    this.context.recordInvalidParams(method, failure);
    this.context.writer.error(id, failure);
  }

  private async dispatch(db: OpenDatabase, method: string, params: Params): Promise<unknown> {
    switch (method) {
      case "chats.list": {
        const limit = Math.max(intParam(params.limit) ?? 20, 1);
        return { chats: db.store.chats.list(limit).map((chat) => db.payloads.chat(chat)) };
      }
      case "messages.history": {
        const chatId = intParam(params.chat_id);
        if (chatId === undefined) throw invalidParams("chat_id is required");
        const limit = Math.max(intParam(params.limit) ?? 50, 1);
        const participants = stringArrayParam(params.participants);
        const filter = { participants, start: isoDateParam(params.start), end: isoDateParam(params.end) };
        const attachments = boolParam(params.attachments) ?? false;
        const messages = db.store
          .history(chatId, limit, filter)
          .map((record) =>
            db.payloads.message(record, { attachments, reactions: true, decodeReactionEvents: false }),
          );
        return { messages };
      }
      case "watch.subscribe": {
        const debounceMs = debounceParam(params);
        const subscription = db.hub.subscribe({
          chatId: intParam(params.chat_id),
          sinceRowId: intParam(params.since_rowid),
          participants: stringArrayParam(params.participants),
          start: isoDateParam(params.start),
          end: isoDateParam(params.end),
          attachments: boolParam(params.attachments) ?? false,
          includeReactions: boolParam(params.include_reactions) ?? false,
          debounceMs,
          bufferLimit: Number.POSITIVE_INFINITY,
        });
        return { subscription };
      }
      case "watch.unsubscribe": {
        const subscription = intParam(params.subscription);
        if (subscription === undefined) throw invalidParams("subscription is required");
        db.hub.unsubscribe(subscription);
        return { ok: true };
      }
      case "send":
        return performSend(db.db, db.store, this.faults, readSendRequest(params));
      default:
        throw methodNotFound(method);
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
