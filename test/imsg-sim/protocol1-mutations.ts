/**
 * Protocol 1's mutations: `send`, `typing` and `read`, with strict params,
 * the delivery dispositions of a failed send (the `sendOutcome` switch), and
 * the mutation lane: once a send is left in flight, every later mutation
 * answers -32004 until the process restarts, while reads and watches go on.
 */
import { type ChatRow, findChat, readOwnAddress } from "./chat-db-writer.ts";
import type { DatabaseResource, OpenDatabase } from "./database-resource.ts";
import type { FaultSwitches } from "./faults.ts";
import { markChatRead } from "./message-state-writer.ts";
import {
  existingDirectChat,
  prepareSend,
  type RequestedService,
  SERVICES,
  type SendRequest,
  TRANSPORTS,
  type WrittenSend,
  writeOutgoing,
} from "./outgoing-send.ts";
import type { JsonObject } from "./payloads.ts";
import {
  BRIDGE_NOT_STARTED,
  type DeliveryFailure,
  deliveryFailure,
  invalidParams,
  mutationLaneBlocked,
} from "./rpc-errors.ts";
import type { Params } from "./rpc-params.ts";
import {
  ghostRowFailure,
  outcomeFailure,
  SendOutcomeSwitch,
  STILL_IN_FLIGHT_LANDS_MS,
  writeGhostRow,
} from "./send-outcome.ts";
import { recordAction } from "./sim-records.ts";
import { CHAT_SELECTORS, StrictParams, type TargetInput } from "./strict-params.ts";

const REPLY_ALIASES = ["replyTo", "reply_to_guid", "message_guid"];
const SEND_KEYS = [
  ...CHAT_SELECTORS,
  ...["to", "text", "file", "service", "transport", "region"],
  ...["text_formatting", "textFormatting", "formatting"],
  ...["reply_to", ...REPLY_ALIASES],
  ...["allow_sms_fallback", "allowSMSFallback"],
];

interface SendCall {
  request: SendRequest;
  transport: string;
  replyTo: string | undefined;
}

/** imsg's order of checks, and its words for each refusal. */
function readSend(params: Params): SendCall {
  const p = new StrictParams(params, "send", SEND_KEYS);
  const text = p.string("text") ?? "";
  const file = p.string("file") ?? "";
  p.objectArray("text_formatting", ["textFormatting", "formatting"]);
  const service = p.string("service") ?? "auto";
  if (!SERVICES.includes(service as RequestedService)) throw invalidParams("invalid service");
  const transport = (p.string("transport") ?? "auto").toLowerCase();
  if (!TRANSPORTS.includes(transport)) throw invalidParams("invalid transport");
  const region = p.string("region") ?? "US";
  const replyTo = p.string("reply_to", REPLY_ALIASES) || undefined;
  p.boolean("allow_sms_fallback", ["allowSMSFallback"]);
  const target = p.recipientOrChatTarget();
  if (text === "" && file === "") throw invalidParams("text or file is required");
  return {
    request: { ...target, text, file, service: service as RequestedService, region },
    transport,
    replyTo,
  };
}

function isChatTarget(input: TargetInput): boolean {
  return input.chatId !== undefined || input.chatIdentifier !== "" || input.chatGuid !== "";
}

export class Protocol1Mutations {
  private readonly dbPath: string;
  private readonly resource: DatabaseResource;
  private readonly faults: FaultSwitches;
  private readonly outcomes: SendOutcomeSwitch;
  private poison: DeliveryFailure | undefined;
  private readonly landing = new Set<Promise<void>>();

  constructor(dbPath: string, resource: DatabaseResource, faults: FaultSwitches) {
    this.dbPath = dbPath;
    this.resource = resource;
    this.faults = faults;
    this.outcomes = new SendOutcomeSwitch(faults);
  }

  /** Every mutation first: after a send left in flight, nothing more is dispatched. */
  checkLane(): void {
    if (this.poison) throw mutationLaneBlocked(this.poison);
  }

  /** Sends still landing: Messages finishes them even if imsg is told to exit. */
  async settle(): Promise<void> {
    await Promise.all([...this.landing]);
  }

  async send(params: Params): Promise<JsonObject> {
    this.checkLane();
    const { request, transport, replyTo } = readSend(params);
    const open = request.chatId !== undefined ? this.resource.require() : this.resource.available();
    // Without the database imsg can neither look the chat up nor observe the row: only `ok` is known.
    if (!open) return { ok: true, transport: "applescript" };
    const bridgeRuns = this.faults.current.bridge === true;
    if (transport === "bridge" && !bridgeRuns) {
      throw deliveryFailure({
        disposition: "not_started",
        transport: "bridge_v2",
        operation: "send",
        detail: BRIDGE_NOT_STARTED,
      });
    }
    const knownChat = isChatTarget(request) || existingDirectChat(open.db, request) !== undefined;
    const viaBridge = transport !== "applescript" && bridgeRuns && knownChat;
    if (transport === "bridge" && !knownChat) {
      throw invalidParams("bridge transport requires an existing chat target");
    }
    if (replyTo && !viaBridge) {
      throw invalidParams(
        "reply_to requires bridge transport; AppleScript fallback cannot send threaded replies",
      );
    }
    const prepared = await prepareSend(open.db, open.store, this.faults, request);
    const outcome = this.outcomes.take(
      (kind) => kind !== "ghost_row" || (!viaBridge && isChatTarget(request) && prepared.chat.isGroup),
    );
    const transportName = viaBridge ? "bridge_v2" : "applescript";
    const write = () => writeOutgoing(open.db, prepared, viaBridge ? replyTo : undefined);
    switch (outcome) {
      case "not_started":
        throw deliveryFailure(outcomeFailure("not_started", transportName));
      case "may_have_completed":
        write();
        throw deliveryFailure(outcomeFailure("may_have_completed", transportName));
      case "still_in_flight":
        this.poison = outcomeFailure("still_in_flight", transportName);
        this.landLater(write);
        throw deliveryFailure(this.poison);
      case "ghost_row": {
        const ghost = writeGhostRow(open.db, prepared.chat.id, readOwnAddress(open.db));
        throw deliveryFailure(ghostRowFailure(ghost.rowid));
      }
      default:
        return sendResult(write(), prepared.chat, viaBridge);
    }
  }

  typing(params: Params): JsonObject {
    this.checkLane();
    const p = new StrictParams(params, "typing", [...CHAT_SELECTORS, "to", "typing", "service"]);
    const typing = p.boolean("typing") ?? true;
    const service = p.string("service") ?? "imessage";
    const { target } = this.actionTarget(p.recipientOrChatTarget(), service);
    recordAction(this.dbPath, { method: "typing", params, target, typing, at: new Date().toISOString() });
    return { ok: true };
  }

  read(params: Params): JsonObject {
    this.checkLane();
    const p = new StrictParams(params, "read", [...CHAT_SELECTORS, "to"]);
    const { target, chat, open } = this.actionTarget(p.recipientOrChatTarget(), undefined);
    // Marking the chat read on this Mac is what sends the read receipt; the rows change as Messages changes them.
    if (chat && open) markChatRead(open.db, chat.id, new Date());
    recordAction(this.dbPath, { method: "read", params, target, at: new Date().toISOString() });
    return { ok: true };
  }

  /** The chat guid (or handle) a typing indicator or read receipt goes to. */
  private actionTarget(
    input: TargetInput,
    typingService: string | undefined,
  ): { target: string; chat: ChatRow | undefined; open: OpenDatabase | undefined } {
    const open = input.chatId !== undefined ? this.resource.require() : this.resource.available();
    if (input.chatId !== undefined && open) {
      const info = open.store.chats.info(input.chatId);
      if (!info) throw invalidParams(`unknown chat_id ${input.chatId}`);
      const target = info.guid || info.identifier;
      if (target === "") throw invalidParams("missing chat identifier or guid");
      return { target, chat: findChat(open.db, [target]), open };
    }
    const named = input.chatGuid || input.chatIdentifier;
    if (named !== "") return { target: named, chat: open ? findChat(open.db, [named]) : undefined, open };
    let service: RequestedService = "imessage";
    if (typingService !== undefined) {
      const lower = typingService.toLowerCase();
      if (!SERVICES.includes(lower as RequestedService)) throw invalidParams(typingService);
      service = lower as RequestedService;
    }
    const request = { ...input, text: "", file: "", service, region: "US" };
    const direct = open ? existingDirectChat(open.db, request) : undefined;
    if (direct) return { target: direct.guid, chat: direct, open };
    const fallback =
      typingService === undefined ? input.to : `${service === "sms" ? "SMS" : "iMessage"};-;${input.to}`;
    return { target: fallback, chat: undefined, open };
  }

  private landLater(write: () => WrittenSend): void {
    const landed = new Promise<void>((resolve) => {
      setTimeout(() => {
        try {
          write();
        } catch (error) {
          process.stderr.write(`imsg-sim: the send left in flight could not land: ${String(error)}\n`);
        }
        resolve();
      }, STILL_IN_FLIGHT_LANDS_MS);
    });
    this.landing.add(landed);
    void landed.then(() => this.landing.delete(landed));
  }
}

/** imsg 0.15's answer: the observed row, plus the chat it went to and that chat's service. */
function sendResult(written: WrittenSend, chat: ChatRow, viaBridge: boolean): JsonObject {
  const row = written.textRow ?? written.fileRow;
  const result: JsonObject = { ok: true, transport: viaBridge ? "bridge" : "applescript" };
  // The bridge acknowledges with the message guid; only AppleScript's row lookup yields the rowid.
  if (row && !viaBridge) result.id = row.rowid;
  if (row) {
    result.guid = row.guid;
    result.message_id = row.guid;
  }
  if (chat.guid !== "") result.chat_guid = chat.guid;
  result.service = chat.service;
  return result;
}
