/**
 * `imsg rpc` as imsg 0.14–0.15.x runs it (protocol 1): the child starts
 * whether or not the database can be read, answers nothing to a
 * notification, refuses requests past 128 outstanding with -32000 (or when
 * the `busy` switch says so), and routes each method to its handler.
 */
import { DatabaseResource } from "./database-resource.ts";
import type { FaultSwitches } from "./faults.ts";
import { Protocol1Mutations } from "./protocol1-mutations.ts";
import { Protocol1Reads } from "./protocol1-reads.ts";
import { isParseFailure, parseProtocol1Request } from "./request-parsing.ts";
import { bridgeUnavailable, internalError, methodNotFound, RpcFailure, serverBusy } from "./rpc-errors.ts";
import type { Params } from "./rpc-params.ts";
import type { RpcSession, SessionContext } from "./rpc-session.ts";
import { BRIDGE_METHODS, SUPPORTED_METHODS } from "./status-snapshot.ts";

/** Running plus queued requests imsg admits; an identified request past it is answered -32000. */
export const MAX_OUTSTANDING_REQUESTS = 128;

/** Bridge methods that only read; every other bridge method is a mutation and waits on the lane. */
const BRIDGE_READS = new Set(["bridge.events.subscribe", "contacts.shouldShareContact", "handles.check"]);

export class Protocol1Session implements RpcSession {
  private readonly context: SessionContext;
  private readonly faults: FaultSwitches;
  private readonly resource: DatabaseResource;
  private readonly reads: Protocol1Reads;
  private readonly mutations: Protocol1Mutations;
  /** Requests the `busy` switch still has to refuse, when it counts. */
  private busyLeft = 0;

  constructor(context: SessionContext) {
    this.context = context;
    this.faults = context.faults;
    let lastSubscription = 0;
    this.resource = new DatabaseResource(
      context.dbPath,
      {
        mode: "protocol1",
        nextSubscriptionId: () => {
          lastSubscription += 1;
          return lastSubscription;
        },
        sink: {
          message: (subscription, message) =>
            context.writer.notification("message", { subscription, message }),
          error: (subscription, message) =>
            context.writer.notification("error", { subscription, error: { message } }),
          overflow: (subscription, resumeAfterRowid) =>
            context.writer.notification("watch.overflow", {
              subscription,
              resume_after_rowid: resumeAfterRowid,
              reason: "buffer_limit_exceeded",
              terminal: true,
            }),
        },
      },
      context.faults,
    );
    this.reads = new Protocol1Reads(this.resource, context.faults, context.version);
    this.mutations = new Protocol1Mutations(context.dbPath, this.resource, context.faults);
    context.faults.onLoad((config) => {
      this.busyLeft = typeof config.busy === "number" ? config.busy : 0;
      if (config.watchError === "once") {
        for (const hub of this.resource.hubs()) hub.failAll("SQLite error: database disk image is malformed");
      }
    });
  }

  admit(line: string, outstanding: number): boolean {
    const parsed = parseProtocol1Request(line);
    if (isParseFailure(parsed)) return false;
    const identified = parsed.id !== undefined;
    const { busy } = this.faults.current;
    let refuse = outstanding >= MAX_OUTSTANDING_REQUESTS;
    if (busy === true) refuse = true;
    else if (typeof busy === "number" && identified && this.busyLeft > 0) {
      this.busyLeft -= 1;
      refuse = true;
    }
    if (!refuse) return false;
    // A notification past the bound is dropped without a word.
    if (identified) this.context.writer.error(parsed.id, serverBusy("outstanding request limit exceeded"));
    return true;
  }

  async handleLine(line: string): Promise<void> {
    const parsed = parseProtocol1Request(line);
    if (isParseFailure(parsed)) {
      if (parsed.respond) this.answerError(parsed.id, parsed.method ?? "", parsed.failure);
      return;
    }
    const { id, method, params } = parsed;
    try {
      const result = await this.dispatch(method, params);
      if (id !== undefined) this.context.writer.response(id, result);
    } catch (error) {
      // JSON-RPC: a notification never gets a response, not even an error.
      if (id === undefined) return;
      const failure = error instanceof RpcFailure ? error : internalError(errorText(error));
      this.answerError(id, method, failure);
    }
  }

  tick(): void {
    for (const hub of this.resource.hubs()) hub.tick();
  }

  settle(): Promise<void> {
    return this.mutations.settle();
  }

  close(): void {
    this.resource.close();
  }

  exitCode(): number {
    return 0;
  }

  /** Recorded first, so a test that has the answer can already read the record. */
  private answerError(id: unknown, method: string, failure: RpcFailure): void {
    this.context.recordInvalidParams(method, failure);
    this.context.writer.error(id, failure);
  }

  private async dispatch(method: string, params: Params): Promise<unknown> {
    switch (method) {
      case "initialize": {
        // A slow start (a huge chat.db, a slow SSH hop): the first answer is late.
        const delay = this.faults.current.initializeDelayMs ?? 0;
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
        return this.reads.initialize(params);
      }
      case "status":
        return this.reads.status(params);
      case "chats.list":
        return this.reads.chatsList(params);
      case "messages.history":
        return this.reads.messagesHistory(params);
      case "messages.after":
        return this.reads.messagesAfter(params);
      case "watch.subscribe":
        return this.reads.watchSubscribe(params);
      case "watch.unsubscribe":
        return this.reads.watchUnsubscribe(params);
      case "message.send_status":
        return this.reads.messageSendStatus(params);
      case "send":
        return this.mutations.send(params);
      case "typing":
        return this.mutations.typing(params);
      case "read":
        return this.mutations.read(params);
      default:
        return this.unmodelled(method);
    }
  }

  /** imsg methods the simulator does not model: refused the way imsg would refuse them, or said so. */
  private unmodelled(method: string): never {
    if (!SUPPORTED_METHODS.includes(method)) throw methodNotFound(method);
    if (BRIDGE_METHODS.has(method)) {
      if (!BRIDGE_READS.has(method)) this.mutations.checkLane();
      if (this.faults.current.bridge !== true) throw bridgeUnavailable();
    } else {
      this.resource.require();
    }
    throw internalError(`imsg-sim does not simulate ${method}`);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
