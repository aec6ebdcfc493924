/**
 * The Messages database as an `imsg rpc` child holds it: the connection, the
 * store, the payload builder and the watch hub, opened together.
 *
 * Protocol 1 treats the database as an optional, retryable resource (imsg's
 * docs/rpc.md, "Lifecycle"): start-up does not open it, every request that
 * needs it tries again after an earlier failure, and a failed open answers
 * -32002 with a redacted, actionable detail. An open is kept while the path
 * still names the same file; a replaced file gets a new generation for new
 * requests, while live subscriptions keep the generation they started with.
 */
import { statSync } from "node:fs";
import type { DatabaseSync } from "node:sqlite";
import { openChatDb } from "./chat-db-writer.ts";
import type { FaultSwitches } from "./faults.ts";
import { MessageStore } from "./message-store.ts";
import { PayloadBuilder } from "./payloads.ts";
import type { ProtocolMode } from "./protocol-mode.ts";
import { databaseUnavailable } from "./rpc-errors.ts";
import { databaseFeatures } from "./store-schema.ts";
import { visibleMessages } from "./url-preview-folding.ts";
import { WatchHub, type WatchSink } from "./watch-hub.ts";

export interface OpenDatabase {
  db: DatabaseSync;
  store: MessageStore;
  payloads: PayloadBuilder;
  hub: WatchHub;
}

export interface DatabaseContext {
  mode: ProtocolMode;
  sink: WatchSink;
  /** One id sequence for the whole process, so subscriptions of different generations never share an id. */
  nextSubscriptionId: () => number;
}

export function openDatabase(dbPath: string, context: DatabaseContext): OpenDatabase {
  let db: DatabaseSync;
  try {
    db = openChatDb(dbPath);
  } catch (error) {
    // Another user's database may be readable but not writable: watch and history still work.
    if (!String(error).includes("does not exist")) db = openChatDb(dbPath, { readOnly: true });
    else throw error;
  }
  const store = new MessageStore(db);
  store.maxRowId(); // a file that is not a Messages database fails here, not on the first read
  const payloads = new PayloadBuilder(store, context.mode);
  const view =
    context.mode === "protocol1"
      ? (records: Parameters<typeof visibleMessages>[0]) => visibleMessages(records, store, "suppress")
      : (records: Parameters<typeof visibleMessages>[0]) => records;
  const hub = new WatchHub(store, payloads, context.sink, view, context.nextSubscriptionId);
  return { db, store, payloads, hub };
}

const DETAIL_MISSING =
  "The configured Messages database does not exist. Create or copy chat.db at this path, then retry.";
const DETAIL_UNREADABLE =
  "The configured Messages database could not be opened read-only. " +
  "Verify the path and grant Full Disk Access to the supervising process, then retry.";

export interface DatabaseSnapshot {
  path: string;
  ready: boolean;
  features?: Record<string, boolean>;
  error?: string;
}

export class DatabaseResource {
  readonly path: string;
  private readonly context: DatabaseContext;
  private readonly faults: FaultSwitches;
  private current: { open: OpenDatabase; identity: string } | undefined;
  /** Earlier generations, kept while a subscription still reads from them. */
  private retired: OpenDatabase[] = [];

  constructor(path: string, context: DatabaseContext, faults: FaultSwitches) {
    this.path = path;
    this.context = context;
    this.faults = faults;
  }

  /** The open database, opening it now if need be; -32002 when it cannot be read. */
  require(): OpenDatabase {
    if (this.faults.current.dbUnreadable) throw databaseUnavailable(this.path, DETAIL_UNREADABLE);
    const identity = fileIdentity(this.path);
    if (identity === undefined) throw databaseUnavailable(this.path, DETAIL_MISSING);
    if (this.current?.identity === identity) return this.current.open;
    if (this.current) this.retired.push(this.current.open);
    this.current = undefined;
    try {
      this.current = { open: openDatabase(this.path, this.context), identity };
    } catch {
      throw databaseUnavailable(this.path, DETAIL_UNREADABLE);
    }
    return this.current.open;
  }

  available(): OpenDatabase | undefined {
    try {
      return this.require();
    } catch {
      return undefined;
    }
  }

  snapshot(): DatabaseSnapshot {
    try {
      const open = this.require();
      return { path: this.path, ready: true, features: databaseFeatures(open.store.features) };
    } catch (error) {
      const detail = (error as { data?: { detail?: string } }).data?.detail ?? DETAIL_UNREADABLE;
      return { path: this.path, ready: false, error: detail };
    }
  }

  /** Every hub that may still have subscriptions, the current one last. */
  hubs(): WatchHub[] {
    for (const open of this.retired) if (open.hub.size === 0) open.db.close();
    this.retired = this.retired.filter((open) => open.hub.size > 0);
    return [...this.retired.map((open) => open.hub), ...(this.current ? [this.current.open.hub] : [])];
  }

  close(): void {
    for (const hub of this.hubs()) hub.close();
  }
}

/** Which file the path names now: a replaced or restored chat.db is a different file. */
function fileIdentity(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() ? `${stat.dev}:${stat.ino}` : undefined;
  } catch {
    return undefined;
  }
}
