/**
 * iMessage handles: phone numbers, email addresses and chat references, as
 * they appear in allowlists (`allowFrom`, `groupAllowFrom`, `ownerAllowFrom`),
 * in delivery targets and in the `sender` of inbound messages.
 *
 * Phone numbers compare in E.164 (parsed by libphonenumber-js in the
 * account's region, see phone-region.ts), emails case-insensitively. Chat references are
 * `chat_id:`, `chat_guid:` and `chat_identifier:`, or one of their shorter
 * spellings (`chat:`, `chatid:`, `chatguid:`, `guid:`, `chatidentifier:`,
 * `chatident:`), in any case. A string that is none of these is invalid: it is
 * never interpreted further (no shell, no contact lookup).
 */

import { parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";
import { notAPhoneNumber, toCountryCode } from "./phone-region.ts";

export type NormalizedHandle =
  | { kind: "phone"; e164: string }
  | { kind: "email"; address: string }
  | { kind: "chat_id"; chatId: number }
  | { kind: "chat_guid"; guid: string }
  | { kind: "chat_identifier"; identifier: string }
  | { kind: "wildcard" }
  | { kind: "invalid"; reason: string };

/** A handle that names one person (what a service prefix may precede). */
export type PersonHandle = Extract<NormalizedHandle, { kind: "phone" | "email" }>;

export type Service = "imessage" | "sms" | "auto";

// Longer than any real address or chat guid; bounds the work done on hostile input.
const MAX_HANDLE_LENGTH = 512;

// Only the characters people type in phone numbers reach libphonenumber-js:
// it is lenient by design ("+15555550123abc" parses) and would otherwise
// accept text that is not a number at all.
const PHONE_SHAPE = /^\+?[\d\s().\-/\u2010-\u2015\u2212]+$/;

const EmailSchema = z.email();

const SERVICE_PREFIX = /^(imessage|sms|auto):/i;
const TEL_PREFIX = /^tel:/i;
type ChatReferenceKind = "chat_id" | "chat_guid" | "chat_identifier";

/**
 * Every way of writing a chat reference, lower-cased. The reference
 * implementation (OpenClaw) also reads these shorter spellings, so an existing
 * allowlist or target keeps naming the same chat here.
 */
const CHAT_PREFIXES: Readonly<Record<string, ChatReferenceKind>> = {
  chat_id: "chat_id",
  chatid: "chat_id",
  chat: "chat_id",
  chat_guid: "chat_guid",
  chatguid: "chat_guid",
  guid: "chat_guid",
  chat_identifier: "chat_identifier",
  chatidentifier: "chat_identifier",
  chatident: "chat_identifier",
};
const CHAT_PREFIX = new RegExp(`^(${Object.keys(CHAT_PREFIXES).join("|")}):`, "i");

// The reference's named sender lists; Pinch has none, so such an entry is explained rather than misread.
const ACCESS_GROUP_PREFIX = /^accessgroup:/i;

/**
 * Split an `imessage:`, `sms:` or `auto:` prefix off a handle. The prefix
 * chooses the service for a send; for comparisons it carries no meaning.
 */
export function splitServicePrefix(raw: string): { service: Service | undefined; rest: string } {
  const trimmed = raw.trim();
  const match = SERVICE_PREFIX.exec(trimmed);
  if (!match) return { service: undefined, rest: trimmed };
  return {
    service: (match[1] ?? "").toLowerCase() as Service,
    rest: trimmed.slice(match[0].length).trim(),
  };
}

function invalid(reason: string): NormalizedHandle {
  return { kind: "invalid", reason };
}

function normalizePhone(raw: string, region: string | undefined): NormalizedHandle {
  if (!PHONE_SHAPE.test(raw)) {
    return invalid(
      `"${raw}" is not a phone number, an email address or a chat (chat_id:N, chat_guid:…, chat_identifier:…)`,
    );
  }
  const defaultCountry = toCountryCode(region);
  const parsed = parsePhoneNumberFromString(raw, defaultCountry ? { defaultCountry } : {});
  // isPossible (length fits the country's plan), not isValid: test and
  // fictional ranges such as +1 555 are real handles in Messages' database.
  if (!parsed?.isPossible()) return invalid(notAPhoneNumber(raw, region));
  // A national form can parse to an E.164 that reads back as another number (a German
  // "0 00 00 0" gives +4900000, which parses as +490000): such input names no one, and
  // allowing it would let one entry match two handles. Messages' own handles are already
  // E.164 and skip the second parse.
  if (parsed.number !== raw) {
    const again = parsePhoneNumberFromString(parsed.number);
    if (again?.number !== parsed.number) return invalid(notAPhoneNumber(raw, region));
  }
  return { kind: "phone", e164: parsed.number };
}

// Checked before case folding: Unicode lower-casing maps some letters onto ASCII ones (the
// Kelvin sign U+212A becomes "k"), so a look-alike address would match someone else's entry.
// iMessage addresses are ASCII; an internationalised one is refused rather than guessed at.
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

function normalizeEmail(raw: string): NormalizedHandle {
  if (!PRINTABLE_ASCII.test(raw))
    return invalid(`"${raw}" is not a valid email address (only ASCII letters, digits and symbols)`);
  const address = raw.toLowerCase();
  if (!EmailSchema.safeParse(address).success) return invalid(`"${raw}" is not a valid email address`);
  return { kind: "email", address };
}

function normalizeChatReference(kind: ChatReferenceKind, value: string): NormalizedHandle {
  if (value === "") return invalid(`${kind}: needs a value, for example ${kind}:42`);
  if (kind === "chat_id") {
    // "chat_id:*" is documentation shorthand for "a chat_id entry", not a
    // wildcard: reading it as one would silently admit every chat.
    if (!/^\d{1,15}$/.test(value)) {
      return invalid(`chat_id needs a chat number like chat_id:42 (see \`imsg chats\`), not "${value}"`);
    }
    return { kind: "chat_id", chatId: Number(value) };
  }
  if (kind === "chat_guid") return { kind: "chat_guid", guid: value };
  return { kind: "chat_identifier", identifier: value };
}

/**
 * Parse one handle or allowlist entry. Never throws.
 * Chat guids and identifiers are kept as written, because `imsg` looks a chat
 * up by its exact value; compare them through {@link handleKey}.
 */
export function normalizeHandle(raw: string, region?: string): NormalizedHandle {
  const trimmed = raw.trim();
  if (trimmed === "") return invalid("the handle is empty");
  if (trimmed.length > MAX_HANDLE_LENGTH)
    return invalid(`the handle is longer than ${MAX_HANDLE_LENGTH} characters`);
  if (trimmed === "*") return { kind: "wildcard" };

  const chat = CHAT_PREFIX.exec(trimmed);
  const chatKind = chat ? CHAT_PREFIXES[(chat[1] ?? "").toLowerCase()] : undefined;
  if (chat && chatKind) return normalizeChatReference(chatKind, trimmed.slice(chat[0].length).trim());
  if (ACCESS_GROUP_PREFIX.test(trimmed)) {
    return invalid(`"${trimmed}": Pinch has no access groups; list each person or chat on its own line`);
  }

  const { service, rest } = splitServicePrefix(trimmed);
  if (service && (rest === "*" || CHAT_PREFIX.test(rest) || SERVICE_PREFIX.test(rest))) {
    return invalid(`"${trimmed}": a ${service}: prefix goes before a phone number or email address only`);
  }
  if (TEL_PREFIX.test(rest)) return normalizePhone(rest.slice(4).trim(), region);
  if (rest.includes("@")) return normalizeEmail(rest);
  return normalizePhone(rest, region);
}

/** Write a normalized handle back as text that {@link normalizeHandle} reads to the same value. */
export function formatHandle(handle: Exclude<NormalizedHandle, { kind: "invalid" }>): string {
  switch (handle.kind) {
    case "phone":
      return handle.e164;
    case "email":
      return handle.address;
    case "chat_id":
      return `chat_id:${handle.chatId}`;
    case "chat_guid":
      return `chat_guid:${handle.guid}`;
    case "chat_identifier":
      return `chat_identifier:${handle.identifier}`;
    case "wildcard":
      return "*";
  }
}

/**
 * Canonical form of a chat guid or identifier for comparison. macOS 26 writes
 * direct chats as `any;-;<handle>` where older versions wrote
 * `iMessage;-;<handle>`; both name the same conversation. The handle part of a
 * direct chat compares like any handle.
 */
function chatReferenceKey(value: string, region: string | undefined): string {
  const match = /^([^;]*);([-+]);(.*)$/s.exec(value);
  if (!match) return personKeyOr(value, region);
  const service = (match[1] ?? "").toLowerCase();
  const kind = match[2] ?? "";
  const rest = match[3] ?? "";
  const canonicalService = service === "any" ? "imessage" : service;
  return `${canonicalService};${kind};${kind === "-" ? personKeyOr(rest, region) : rest}`;
}

/** The canonical form of a phone number or email, or null for anything else (a sender is never a chat or `*`). */
function personKey(value: string, region: string | undefined): string | null {
  const handle = normalizeHandle(value, region);
  if (handle.kind === "phone") return handle.e164;
  if (handle.kind === "email") return handle.address;
  return null;
}

function personKeyOr(value: string, region: string | undefined): string {
  return personKey(value, region) ?? value;
}

/**
 * A canonical string for equality and sets, or null for an invalid handle.
 * Idempotent: `handleKey(handleKey(x)) === handleKey(x)`.
 */
export function handleKey(raw: string, region?: string): string | null {
  const handle = normalizeHandle(raw, region);
  switch (handle.kind) {
    case "invalid":
      return null;
    case "chat_guid":
      return `chat_guid:${chatReferenceKey(handle.guid, region)}`;
    case "chat_identifier":
      return `chat_identifier:${chatReferenceKey(handle.identifier, region)}`;
    default:
      return formatHandle(handle);
  }
}

export type AllowListSubject = {
  sender?: string | undefined;
  chatId?: number | undefined;
  chatGuid?: string | undefined;
  chatIdentifier?: string | undefined;
};

function entryMatches(
  entry: NormalizedHandle,
  subject: AllowListSubject,
  region: string | undefined,
): boolean {
  switch (entry.kind) {
    case "wildcard":
      return true;
    case "invalid":
      return false;
    case "chat_id":
      return subject.chatId === entry.chatId;
    case "chat_guid":
      return (
        subject.chatGuid !== undefined &&
        chatReferenceKey(subject.chatGuid.trim(), region) === chatReferenceKey(entry.guid, region)
      );
    case "chat_identifier":
      return (
        subject.chatIdentifier !== undefined &&
        chatReferenceKey(subject.chatIdentifier.trim(), region) === chatReferenceKey(entry.identifier, region)
      );
    default:
      return subject.sender !== undefined && personKey(subject.sender, region) === formatHandle(entry);
  }
}

/**
 * Whether an allowlist admits a message: `"*"` admits everything, chat entries
 * match the chat, handle entries match the sender. Invalid entries match
 * nothing (config validation warns about them: see allowlist-warnings.ts).
 */
export function matchesAllowList(
  entries: readonly string[],
  subject: AllowListSubject,
  region?: string,
): boolean {
  return entries.some((raw) => entryMatches(normalizeHandle(raw, region), subject, region));
}
