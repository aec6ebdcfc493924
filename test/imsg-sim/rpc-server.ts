/**
 * `imsg rpc`: JSON-RPC 2.0 over stdio, one JSON object per line. Requests
 * are handled one at a time in arrival order, as imsg does (a slow `send`
 * holds up the requests behind it, while watch notifications keep flowing).
 * Stdin EOF ends the process once the request in hand is answered.
 */
import type { DatabaseSync } from "node:sqlite";
import type { Readable, Writable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { openChatDb } from "./chat-db-writer.ts";
import type { FaultSwitches } from "./faults.ts";
import { FrameWriter } from "./frame-writer.ts";
import { MessageStore } from "./message-store.ts";
import { performSend, readSendRequest } from "./outgoing-send.ts";
import { PayloadBuilder } from "./payloads.ts";
import {
  internalError,
  invalidParams,
  invalidRequest,
  methodNotFound,
  NOT_JSON_DETAIL,
  parseError,
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
import { WatchHub } from "./watch-hub.ts";

export interface RpcServerOptions {
  dbPath: string;
  input: Readable;
  output: Writable;
  faults: FaultSwitches;
  /** How often to look for new rows and re-read the control file. */
  pollMs: number;
}

interface ParsedRequest {
  id: unknown;
  method: string;
  params: Params;
}

/** Mirrors imsg's request parser: what it accepts, and the errors (and ids) it answers with. */
export function parseRequestLine(line: string): ParsedRequest | { id: unknown; failure: RpcFailure } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { id: undefined, failure: parseError(NOT_JSON_DETAIL) };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return { id: undefined, failure: invalidRequest("request must be an object") };
  }
  const request = json as Record<string, unknown>;
  if (typeof request.jsonrpc === "string" && request.jsonrpc !== "2.0") {
    return { id: request.id, failure: invalidRequest("jsonrpc must be 2.0") };
  }
  if (typeof request.method !== "string" || request.method === "") {
    return { id: request.id, failure: invalidRequest("method is required") };
  }
  const params = request.params;
  const isObject = typeof params === "object" && params !== null && !Array.isArray(params);
  return { id: request.id, method: request.method, params: isObject ? (params as Params) : {} };
}

interface Database {
  db: DatabaseSync;
  store: MessageStore;
  payloads: PayloadBuilder;
  hub: WatchHub;
}

export function runRpcServer(options: RpcServerOptions): Promise<number> {
  return new Promise((resolveExit) => {
    const { faults } = options;
    const writer = new FrameWriter(options.output, faults, () => finish(0));
    const pending: string[] = [];
    let inputEnded = false;
    let busy = false;
    let finished = false;
    let timer: NodeJS.Timeout | undefined;

    if (faults.current.dbUnreadable === "plain-text") {
      writer.plainText(permissionBanner(options.dbPath, SQLITE_AUTHORIZATION_DENIED));
      void writer.drained().then(() => resolveExit(1));
      return;
    }
    let startupFailure: RpcFailure | undefined;
    let database: Database | undefined;
    if (faults.current.dbUnreadable === "rpc-error") {
      startupFailure = internalError(permissionBanner(options.dbPath, SQLITE_AUTHORIZATION_DENIED));
    } else {
      try {
        database = openDatabase(options.dbPath, writer);
      } catch {
        startupFailure = internalError(permissionBanner(options.dbPath, SQLITE_CANNOT_OPEN));
      }
    }

    faults.onLoad((config) => {
      if (config.watchError === "once")
        database?.hub.failAll("SQLite error: database disk image is malformed");
    });
    faults.fireInitialLoad();

    timer = setInterval(() => {
      faults.refresh();
      if (writer.stalled) return;
      try {
        database?.hub.tick();
      } catch (error) {
        process.stderr.write(`imsg-sim: watch poll failed: ${String(error)}\n`);
      }
      void drainRequests();
    }, options.pollMs);

    function finish(code: number): void {
      if (finished) return;
      finished = true;
      if (timer) clearInterval(timer);
      database?.hub.close();
      options.input.pause();
      void writer.drained().then(() => resolveExit(code));
    }

    async function drainRequests(): Promise<void> {
      if (busy) return;
      busy = true;
      try {
        while (pending.length > 0 && !finished) {
          faults.refresh();
          if (writer.stalled) return;
          if (faults.current.dbUnreadable === "plain-text") {
            writer.plainText(permissionBanner(options.dbPath, SQLITE_AUTHORIZATION_DENIED));
            finish(1);
            return;
          }
          await handleLine(pending.shift() as string);
        }
        // A stalled process stays hung even after its stdin closes; only a signal ends it.
        if (inputEnded && pending.length === 0 && !writer.stalled) finish(startupFailure ? 1 : 0);
      } finally {
        busy = false;
      }
    }

    async function handleLine(line: string): Promise<void> {
      const parsed = parseRequestLine(line);
      if ("failure" in parsed) {
        writer.error(parsed.id, parsed.failure);
        return;
      }
      const { id, method, params } = parsed;
      const failure =
        startupFailure ??
        (faults.current.dbUnreadable === "rpc-error"
          ? internalError(permissionBanner(options.dbPath, SQLITE_AUTHORIZATION_DENIED))
          : undefined);
      try {
        if (failure || !database) throw failure ?? internalError("database is not open");
        const result = await dispatch(database, method, params);
        // imsg drops results for requests without an id (notifications) but still reports their errors.
        if (id !== undefined) writer.response(id, result);
      } catch (error) {
        const rpcError = error instanceof RpcFailure ? error : internalError(errorText(error));
        writer.error(id, rpcError);
      }
    }

    async function dispatch(db: Database, method: string, params: Params): Promise<unknown> {
      switch (method) {
        case "chats.list": {
          const limit = Math.max(intParam(params.limit) ?? 20, 1);
          return { chats: db.store.listChats(limit).map((chat) => db.payloads.chat(chat)) };
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
          return performSend(db.db, db.store, faults, readSendRequest(params));
        default:
          throw methodNotFound(method);
      }
    }

    const decoder = new StringDecoder("utf8");
    let buffered = "";
    const acceptText = (text: string) => {
      buffered += text;
      // Only "\n" ends a request: U+2028 and U+2029 are ordinary characters inside a JSON string.
      let newline = buffered.indexOf("\n");
      while (newline >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line !== "") pending.push(line);
        newline = buffered.indexOf("\n");
      }
      void drainRequests();
    };
    options.input.on("data", (chunk: Buffer) => acceptText(decoder.write(chunk)));
    options.input.on("end", () => {
      acceptText(`${decoder.end()}\n`);
      inputEnded = true;
      void drainRequests();
    });
    options.input.on("error", () => {
      inputEnded = true;
      void drainRequests();
    });
  });
}

function openDatabase(dbPath: string, writer: FrameWriter): Database {
  let db: DatabaseSync;
  try {
    db = openChatDb(dbPath);
  } catch (error) {
    // Another user's database may be readable but not writable: watch and history still work.
    if (!String(error).includes("does not exist")) db = openChatDb(dbPath, { readOnly: true });
    else throw error;
  }
  const store = new MessageStore(db);
  const payloads = new PayloadBuilder(store);
  const hub = new WatchHub(store, payloads, {
    message: (subscription, message) => writer.notification("message", { subscription, message }),
    error: (subscription, message) => writer.notification("error", { subscription, error: { message } }),
  });
  return { db, store, payloads, hub };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
