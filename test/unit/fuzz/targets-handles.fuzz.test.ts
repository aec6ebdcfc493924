import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatHandle, handleKey, matchesAllowList, normalizeHandle } from "../../../app/access/handles.ts";
import { formatTarget, parseTarget, toSendParams } from "../../../app/channel/targets.ts";
import { SendParams } from "../../../app/imsg/imsg-methods.ts";
import { textFrom } from "./fuzz-arbitraries.ts";

/** Pieces of every handle and target form, so prefixes, separators and digits meet in odd orders. */
const handleText = textFrom(
  [
    "+",
    "1",
    "555",
    "5550123",
    "44",
    "0",
    " ",
    "-",
    "(",
    ")",
    ".",
    "/",
    "tel:",
    "imessage:",
    "SMS:",
    "auto:",
    "chat_id:",
    "chat_guid:",
    "Chat_Identifier:",
    "iMessage;-;",
    "any;-;",
    "SMS;+;",
    "chat",
    "@",
    "example.com",
    "Bob",
    "*",
    "\u2212",
    "\u00a0",
    "\n",
  ],
  10,
);
const region = fc.constantFrom("US", "GB", "fr", "DE", "xx", "", undefined);

const prefix = fc.constantFrom("", "", "imessage:", "SMS:", "auto:", "tel:", "sms:tel:", " ", "imessage: ");
/** Phone numbers as people type them: country code or not, any grouping, any separators. */
const phoneLike = fc
  .tuple(
    fc.constantFrom("+1", "+44", "+33", "1", "0", "", "+"),
    fc.array(fc.stringMatching(/^\d{1,4}$/), { minLength: 1, maxLength: 5 }),
    fc.constantFrom(" ", "-", ".", "", "\u2010", "/"),
  )
  .map(([country, groups, separator]) => `${country}${separator}${groups.join(separator)}`);
const emailLike = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z0-9._+-]{1,10}$/),
    fc.stringMatching(/^[A-Za-z0-9-]{1,8}$/),
    fc.constantFrom("com", "CO.UK", "icloud.com", "x"),
  )
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);
const chatLike = fc
  .tuple(
    fc.constantFrom("chat_id:", "chat_guid:", "chat_identifier:", "CHAT_ID:"),
    fc.oneof(
      fc.nat().map(String),
      fc.constantFrom("iMessage;-;+15555550123", "any;-;Bob@Example.com", "SMS;+;chat1"),
    ),
  )
  .map(([kind, value]) => `${kind}${value}`);
/** Mostly well-formed handles, sometimes with a stray piece spliced in. */
const structuredHandle = fc
  .tuple(
    prefix,
    fc.oneof(phoneLike, emailLike, chatLike),
    fc.option(fc.tuple(fc.nat(), handleText), { nil: undefined }),
  )
  .map(([head, body, splice]) => {
    const text = `${head}${body}`;
    if (!splice) return text;
    const at = splice[0] % (text.length + 1);
    return text.slice(0, at) + splice[1] + text.slice(at);
  });
const anyHandle = fc.oneof(
  { weight: 3, arbitrary: structuredHandle },
  handleText,
  fc.string({ maxLength: 40 }),
);

describe("handle normaliser, fuzzed", () => {
  it("the generated handles reach every kind, so the properties below test more than refusals", () => {
    const kinds = new Set(
      fc.sample(anyHandle, { numRuns: 1_000, seed: 1 }).map((raw) => normalizeHandle(raw).kind),
    );
    expect([...kinds].sort()).toEqual(
      ["chat_guid", "chat_id", "chat_identifier", "email", "invalid", "phone", "wildcard"].sort(),
    );
  });

  it("never throws, and everything valid reads back from its own formatting", () => {
    fc.assert(
      fc.property(anyHandle, region, (raw, r) => {
        const handle = normalizeHandle(raw, r);
        if (handle.kind === "invalid") {
          expect(handle.reason.length).toBeGreaterThan(0);
          return;
        }
        expect(normalizeHandle(formatHandle(handle), r)).toEqual(handle);
      }),
      { numRuns: 1_000 },
    );
  });

  it("a handle's key is its own key, and admits the handle it came from", () => {
    fc.assert(
      fc.property(anyHandle, region, (raw, r) => {
        const key = handleKey(raw, r);
        if (key === null) return;
        expect(handleKey(key, r)).toBe(key);
        const handle = normalizeHandle(raw, r);
        if (handle.kind === "phone" || handle.kind === "email") {
          expect(matchesAllowList([key], { sender: raw }, r)).toBe(true);
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it("allowlist matching never throws, whatever the entries and the message", () => {
    fc.assert(
      fc.property(
        fc.array(anyHandle, { maxLength: 4 }),
        fc.record(
          {
            sender: anyHandle,
            chatId: fc.integer(),
            chatGuid: handleText,
            chatIdentifier: handleText,
          },
          { requiredKeys: [] },
        ),
        region,
        (entries, subject, r) => {
          expect(typeof matchesAllowList(entries, subject, r)).toBe("boolean");
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("target parser, fuzzed", () => {
  it("never throws; a parsed target formats to text that parses back to it", () => {
    fc.assert(
      fc.property(anyHandle, region, (raw, r) => {
        const parsed = parseTarget(raw, r);
        if (!parsed.ok) {
          expect(parsed.error.length).toBeGreaterThan(0);
          return;
        }
        expect(parseTarget(formatTarget(parsed.target), r)).toEqual(parsed);
      }),
      { numRuns: 1_000 },
    );
  });

  it("every parsed target makes a send request imsg accepts, with exactly one destination", () => {
    fc.assert(
      fc.property(
        anyHandle,
        region,
        fc.option(fc.constantFrom("imessage" as const, "sms" as const, "auto" as const), { nil: undefined }),
        (raw, r, service) => {
          const parsed = parseTarget(raw, r);
          if (!parsed.ok) return;
          const params = toSendParams(parsed.target, {
            ...(service ? { service } : {}),
            ...(r ? { region: r } : {}),
          });
          const destinations = (["to", "chat_id", "chat_guid", "chat_identifier"] as const).filter(
            (key) => params[key] !== undefined,
          );
          expect(destinations).toHaveLength(1);
          expect(SendParams.safeParse({ ...params, text: "hi" }).success).toBe(true);
          // SMS cannot reach an email address, whatever the account prefers.
          if (params.to?.includes("@")) expect(params.service).not.toBe("sms");
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
