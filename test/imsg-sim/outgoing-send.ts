/**
 * `send`, as imsg validates it and as Messages.app then records it: the
 * outgoing row lands in the target chat with `is_from_me = 1` and our own
 * address in `destination_caller_id`, so the watch shows a gateway its echo.
 */
import { randomUUID } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js";
import {
  ATTACHMENT_PLACEHOLDER,
  type ChatRow,
  type ChatService,
  ensureDirectChat,
  ensureHandle,
  findChat,
  insertMessage,
  inWriteTransaction,
  readOwnAddress,
  type WrittenMessage,
} from "./chat-db-writer.ts";
import type { FaultSwitches } from "./faults.ts";
import type { MessageStore } from "./message-store.ts";
import { expandHome } from "./payloads.ts";
import { AUTOMATION_DENIED_DETAIL, appleScriptFailure, internalError, invalidParams } from "./rpc-errors.ts";
import { intParam, type Params, stringParam } from "./rpc-params.ts";

export const SERVICES = ["auto", "imessage", "sms"] as const;
export type RequestedService = (typeof SERVICES)[number];
export const TRANSPORTS = ["auto", "bridge", "applescript"];

export interface SendRequest {
  to: string;
  chatId: number | undefined;
  chatIdentifier: string;
  chatGuid: string;
  text: string;
  file: string;
  service: RequestedService;
  region: string;
}

/** Checks params in the order imsg does, with its error texts. */
export function readSendRequest(params: Params): SendRequest {
  const text = stringParam(params.text) ?? "";
  const file = stringParam(params.file) ?? "";
  const service = stringParam(params.service) ?? "auto";
  if (!SERVICES.includes(service as RequestedService)) throw invalidParams("invalid service");
  const transport = (stringParam(params.transport) ?? "auto").toLowerCase();
  if (!TRANSPORTS.includes(transport)) throw invalidParams("invalid transport");
  const request: SendRequest = {
    to: stringParam(params.to) ?? "",
    chatId: intParam(params.chat_id),
    chatIdentifier: stringParam(params.chat_identifier) ?? "",
    chatGuid: stringParam(params.chat_guid) ?? "",
    text,
    file,
    service: service as RequestedService,
    region: stringParam(params.region) ?? "US",
  };
  const hasChatTarget =
    request.chatId !== undefined || request.chatIdentifier !== "" || request.chatGuid !== "";
  if (hasChatTarget && request.to !== "") throw invalidParams("use to or chat_*; not both");
  if (!hasChatTarget && request.to === "") throw invalidParams("to is required for direct sends");
  if (text === "" && file === "") throw invalidParams("text or file is required");
  if (transport === "bridge") {
    throw internalError("IMCore bridge is not running; start it with `imsg launch` or use transport auto");
  }
  return request;
}

export interface SendOutcome {
  ok: true;
  transport: "applescript";
  id?: number;
  guid?: string;
}

/** A send checked and about to be handed to Messages: where it goes and what it carries. */
export interface PreparedSend {
  chat: ChatRow;
  text: string;
  /** Absolute path of the file to send, or "". */
  filePath: string;
}

/**
 * Everything imsg does before Messages writes, in imsg's order: the chat a
 * `chat_id` names, the AppleScript call (its delay and Automation), the file,
 * then the chat Messages will use.
 */
export async function prepareSend(
  db: DatabaseSync,
  store: MessageStore,
  faults: FaultSwitches,
  request: SendRequest,
): Promise<PreparedSend> {
  let target: ChatRow | undefined;
  if (request.chatId !== undefined) {
    const info = store.chats.info(request.chatId);
    if (!info) throw invalidParams(`unknown chat_id ${request.chatId}`);
    if (info.identifier === "" && info.guid === "") throw invalidParams("missing chat identifier or guid");
    target = findChat(
      db,
      [info.guid, info.identifier].filter((value) => value !== ""),
    );
  }
  const delay = faults.current.sendDelayMs ?? 0;
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  faults.refresh();
  if (faults.current.automationDenied) throw internalError(AUTOMATION_DENIED_DETAIL);

  const filePath = request.file === "" ? "" : expandHome(request.file);
  if (filePath !== "" && !existsSync(filePath))
    throw appleScriptFailure(`Attachment not found at ${filePath}`);
  const chat = target ?? resolveChat(db, request);
  return { chat, text: request.text, filePath: filePath === "" ? "" : stageAttachment(db, filePath) };
}

/**
 * imsg copies a file under Messages' attachments folder before the send
 * (Messages reads from there reliably), keeping its name: the row points at
 * that copy, so the caller may delete its own file once `send` answered.
 */
function stageAttachment(db: DatabaseSync, filePath: string): string {
  const location = db.location();
  const root = location ? dirname(location) : dirname(filePath);
  const dir = join(root, "Attachments", "imsg", randomUUID());
  mkdirSync(dir, { recursive: true });
  const staged = join(dir, basename(filePath));
  copyFileSync(filePath, staged);
  return staged;
}

/** imsg 0.9's `send`: the rows, and the text row's id and guid (a file-only send cannot be matched). */
export async function performSend(
  db: DatabaseSync,
  store: MessageStore,
  faults: FaultSwitches,
  request: SendRequest,
): Promise<SendOutcome> {
  const written = writeOutgoing(db, await prepareSend(db, store, faults, request));
  return written.textRow
    ? { ok: true, transport: "applescript", id: written.textRow.rowid, guid: written.textRow.guid }
    : { ok: true, transport: "applescript" };
}

/** Where Messages puts the message: an addressed chat must exist; a handle gets its DM chat, created if needed. */
function resolveChat(db: DatabaseSync, request: SendRequest): ChatRow {
  const identifier = request.chatIdentifier.trim();
  const guid = request.chatGuid.trim();
  // imsg sends to a handle-shaped chat_identifier as to a person, before looking at chat_guid.
  const directTo = identifier !== "" && looksLikeHandle(identifier) ? identifier : request.to;
  if (directTo === "") return chatOrFail(db, guid !== "" ? guid : identifier);
  const recipient = normalizeRecipient(directTo, request.region);
  const service: ChatService = request.service === "sms" ? "SMS" : "iMessage";
  return ensureDirectChat(db, recipient, service);
}

/** The direct chat Messages already has for `to` on the requested service, if any. */
export function existingDirectChat(db: DatabaseSync, request: SendRequest): ChatRow | undefined {
  const handle = normalizeRecipient(request.to, request.region);
  const imessage = [`iMessage;-;${handle}`, `any;-;${handle}`];
  if (request.service === "sms") return findChat(db, [`SMS;-;${handle}`]);
  return findChat(db, request.service === "imessage" ? imessage : [...imessage, `SMS;-;${handle}`]);
}

function chatOrFail(db: DatabaseSync, target: string): ChatRow {
  const candidates = [target];
  if (target.startsWith("any;+;")) candidates.push(`any;-;${target.slice(6)}`, target.slice(6));
  if (target.startsWith("any;-;")) candidates.push(`any;+;${target.slice(6)}`, target.slice(6));
  const chat = findChat(db, candidates);
  if (!chat) throw appleScriptFailure(`Messages got an error: Can’t get chat id "${target}". (-1728)`);
  return chat;
}

function looksLikeHandle(value: string): boolean {
  const lower = value.toLowerCase();
  if (lower.startsWith("imessage:") || lower.startsWith("sms:") || lower.startsWith("auto:")) return true;
  return value.includes("@") || /^[+0-9 ()-]+$/.test(value);
}

/** Phone numbers become E.164 (with `region` for national numbers); email handles are lower-cased as Messages stores them. */
export function normalizeRecipient(raw: string, region: string): string {
  const trimmed = raw.trim().replace(/^(imessage|sms|auto):/i, "");
  if (trimmed.includes("@")) return trimmed.toLowerCase();
  try {
    return parsePhoneNumberFromString(trimmed, region.toUpperCase() as CountryCode)?.number ?? trimmed;
  } catch {
    // An unknown region: imsg keeps the recipient as typed when it cannot parse it.
    return trimmed;
  }
}

export interface WrittenSend {
  textRow: WrittenMessage | undefined;
  fileRow: WrittenMessage | undefined;
}

/**
 * AppleScript sends text and file as two messages, text first. In a DM the row's
 * handle is the other party; in a group it has none, and imsg reports our address as sender.
 */
export function writeOutgoing(db: DatabaseSync, send: PreparedSend, replyToGuid?: string): WrittenSend {
  const { chat, text, filePath } = send;
  const own = readOwnAddress(db);
  return inWriteTransaction(db, () => {
    const handleId = chat.isGroup ? 0 : ensureHandle(db, chat.identifier, chat.service);
    const base = {
      chatId: chat.id,
      handleId,
      isFromMe: true,
      service: chat.service,
      destinationCallerId: own,
      // Sent, not yet delivered: `message.send_status` says "sent" until a test marks it delivered.
      awaitingDelivery: true,
      ...(replyToGuid ? { threadOriginatorGuid: replyToGuid, replyToGuid } : {}),
    };
    const textRow = text === "" ? undefined : insertMessage(db, { ...base, text, date: new Date() });
    const fileRow =
      filePath === ""
        ? undefined
        : insertMessage(db, {
            ...base,
            text: ATTACHMENT_PLACEHOLDER,
            date: new Date(),
            attachments: [{ path: filePath }],
          });
    return { textRow, fileRow };
  });
}
