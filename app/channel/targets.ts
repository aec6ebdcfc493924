/**
 * Delivery targets: where a reply or a `pinch send` goes, written as text
 * (`chat_id:123`, `imessage:+15555550123`, `bob@example.com`, …) and turned
 * into the target part of an `imsg` `send` request.
 */
import type { z } from "zod";
import type { PersonHandle, Service } from "../access/handles.ts";
import { normalizeHandle, splitServicePrefix } from "../access/handles.ts";
import { DEFAULT_REGION } from "../access/phone-region.ts";
import type { SendParams } from "../imsg/imsg-methods.ts";

export type Target =
  | { kind: "chat_id"; chatId: number }
  | { kind: "chat_guid"; guid: string }
  | { kind: "chat_identifier"; identifier: string }
  /** `service` is set only when the target named one (`imessage:`, `sms:`, `auto:`). */
  | { kind: "handle"; handle: PersonHandle; service?: Service };

export type ParseTargetResult = { ok: true; target: Target } | { ok: false; error: string };

/** The part of `send` params that says where a message goes. */
export type SendTargetParams = Pick<
  z.input<typeof SendParams>,
  "to" | "chat_id" | "chat_guid" | "chat_identifier" | "service" | "region"
>;

const TARGET_FORMS =
  "use chat_id:N (list chats with `imsg chats --limit 20`), chat_guid:…, chat_identifier:…, " +
  "a phone number in E.164 like +15555550123, or an email address";

/**
 * Read a delivery target. A bare contact name is refused: iMessage has no
 * usernames and Pinch does not look names up in Contacts.
 */
export function parseTarget(raw: string, region?: string): ParseTargetResult {
  const trimmed = raw.trim();
  if (trimmed === "") return { ok: false, error: `The delivery target is empty: ${TARGET_FORMS}.` };

  const handle = normalizeHandle(trimmed, region);
  switch (handle.kind) {
    case "chat_id":
    case "chat_guid":
    case "chat_identifier":
      return { ok: true, target: handle };
    case "wildcard":
      return {
        ok: false,
        error: `"*" matches everyone in an allowlist but is not a delivery target: ${TARGET_FORMS}.`,
      };
    case "invalid":
      return {
        ok: false,
        error: `"${trimmed}" is not a delivery target (${handle.reason}): ${TARGET_FORMS}.`,
      };
  }

  const { service } = splitServicePrefix(trimmed);
  if (service === "sms" && handle.kind === "email") {
    return {
      ok: false,
      error: `"${trimmed}": SMS cannot reach an email address; write imessage:${handle.address} or just ${handle.address}.`,
    };
  }
  return { ok: true, target: service ? { kind: "handle", handle, service } : { kind: "handle", handle } };
}

/** Write a target as text; `parseTarget(formatTarget(t))` gives `t` back. */
export function formatTarget(target: Target): string {
  switch (target.kind) {
    case "chat_id":
      return `chat_id:${target.chatId}`;
    case "chat_guid":
      return `chat_guid:${target.guid}`;
    case "chat_identifier":
      return `chat_identifier:${target.identifier}`;
    case "handle": {
      const address = target.handle.kind === "phone" ? target.handle.e164 : target.handle.address;
      return target.service ? `${target.service}:${address}` : address;
    }
  }
}

/**
 * The target part of a `send` request.
 * Chats are addressed by id, guid or identifier with no service: Messages
 * already knows the chat's service, and forcing one onto a group or an
 * iMessage-only chat makes the send fail. For a handle the target's own prefix
 * wins over the account's `service`, but SMS is never forced onto an email
 * address, which only iMessage can reach.
 */
export function toSendParams(
  target: Target,
  account: { service?: Service; region?: string },
): SendTargetParams {
  switch (target.kind) {
    case "chat_id":
      return { chat_id: target.chatId };
    case "chat_guid":
      return { chat_guid: target.guid };
    case "chat_identifier":
      return { chat_identifier: target.identifier };
    case "handle":
      break;
  }
  const service = target.service ?? account.service;
  if (target.handle.kind === "email") {
    const params: SendTargetParams = { to: target.handle.address };
    if (service) params.service = service === "sms" ? "imessage" : service;
    return params;
  }
  const params: SendTargetParams = { to: target.handle.e164, region: account.region ?? DEFAULT_REGION };
  if (service) params.service = service;
  return params;
}
