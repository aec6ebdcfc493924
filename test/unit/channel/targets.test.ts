import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Target } from "../../../app/channel/targets.ts";
import { formatTarget, parseTarget, toSendParams } from "../../../app/channel/targets.ts";
import { SendParams } from "../../../app/imsg/imsg-methods.ts";
import { emailArbitrary, phoneArbitrary } from "../handle-arbitraries.ts";

function target(raw: string, region?: string): Target {
  const result = parseTarget(raw, region);
  if (!result.ok) throw new Error(result.error);
  return result.target;
}

describe("parseTarget", () => {
  it("reads chat_id:123", () => {
    expect(target("chat_id:123")).toEqual({ kind: "chat_id", chatId: 123 });
  });

  it("reads the reference's chat aliases in any case, as pinch send targets", () => {
    expect(target("chatid:123")).toEqual({ kind: "chat_id", chatId: 123 });
    expect(target("Chat:123")).toEqual({ kind: "chat_id", chatId: 123 });
    expect(target("GUID:iMessage;+;chat1")).toEqual({ kind: "chat_guid", guid: "iMessage;+;chat1" });
    expect(target("chatGuid:iMessage;+;chat1")).toEqual({ kind: "chat_guid", guid: "iMessage;+;chat1" });
    expect(target("chatident:chat1")).toEqual({ kind: "chat_identifier", identifier: "chat1" });
    expect(target("ChatIdentifier:chat1")).toEqual({ kind: "chat_identifier", identifier: "chat1" });
  });

  it("reads chat_guid:…", () => {
    expect(target("chat_guid:iMessage;+;chat493857")).toEqual({
      kind: "chat_guid",
      guid: "iMessage;+;chat493857",
    });
  });

  it("keeps a macOS 26 any;-; guid exactly as written, since imsg looks it up verbatim", () => {
    expect(target("chat_guid:any;-;+15555550123")).toEqual({ kind: "chat_guid", guid: "any;-;+15555550123" });
  });

  it("reads chat_identifier:…", () => {
    expect(target("chat_identifier:chat493857")).toEqual({
      kind: "chat_identifier",
      identifier: "chat493857",
    });
  });

  it("reads imessage:+1555… with its service", () => {
    expect(target("imessage:+15555550123")).toEqual({
      kind: "handle",
      handle: { kind: "phone", e164: "+15555550123" },
      service: "imessage",
    });
  });

  it("reads sms:+1555… with its service", () => {
    expect(target("sms:+15555550123")).toMatchObject({ service: "sms" });
  });

  it("reads auto:… with its service", () => {
    expect(target("auto:bob@example.com")).toEqual({
      kind: "handle",
      handle: { kind: "email", address: "bob@example.com" },
      service: "auto",
    });
  });

  it("reads tel:+1555… as a phone number without a service", () => {
    expect(target("tel:+15555550123")).toEqual({
      kind: "handle",
      handle: { kind: "phone", e164: "+15555550123" },
    });
  });

  it("reads a bare E.164 number", () => {
    expect(target("+15555550123")).toEqual({
      kind: "handle",
      handle: { kind: "phone", e164: "+15555550123" },
    });
  });

  it("reads a national number with the account's region", () => {
    expect(target("020 7946 0958", "GB")).toEqual({
      kind: "handle",
      handle: { kind: "phone", e164: "+442079460958" },
    });
  });

  it("reads an email address in lower case", () => {
    expect(target("Bob@Example.com")).toEqual({
      kind: "handle",
      handle: { kind: "email", address: "bob@example.com" },
    });
  });

  it("refuses a bare contact name and says what to write instead", () => {
    const result = parseTarget("Mom");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain('"Mom" is not a delivery target');
      expect(result.error).toContain("chat_id:N");
      expect(result.error).toContain("E.164");
    }
  });

  it("refuses an empty target", () => {
    expect(parseTarget("  ").ok).toBe(false);
  });

  it("refuses the allowlist wildcard", () => {
    expect(parseTarget("*").ok).toBe(false);
  });

  it("refuses sms: in front of an email address", () => {
    const result = parseTarget("sms:bob@example.com");
    expect(result).toMatchObject({
      ok: false,
      error: expect.stringContaining("SMS cannot reach an email address"),
    });
  });

  it("refuses a shell expression", () => {
    expect(parseTarget("$(rm -rf ~)").ok).toBe(false);
  });
});

describe("formatTarget", () => {
  it("writes each kind of target in the form parseTarget reads", () => {
    expect(formatTarget({ kind: "chat_id", chatId: 5 })).toBe("chat_id:5");
    expect(formatTarget({ kind: "chat_guid", guid: "iMessage;+;chat1" })).toBe("chat_guid:iMessage;+;chat1");
    expect(formatTarget({ kind: "chat_identifier", identifier: "chat1" })).toBe("chat_identifier:chat1");
    expect(formatTarget(target("sms:+1 555 555 0123"))).toBe("sms:+15555550123");
    expect(formatTarget(target("BOB@example.com"))).toBe("bob@example.com");
  });
});

describe("toSendParams", () => {
  it("sends to a chat by chat_id with no service", () => {
    expect(toSendParams(target("chat_id:42"), { service: "sms", region: "US" })).toEqual({ chat_id: 42 });
  });

  it("never forces SMS onto a chat guid or identifier", () => {
    expect(toSendParams(target("chat_guid:iMessage;+;chat1"), { service: "sms" })).toEqual({
      chat_guid: "iMessage;+;chat1",
    });
    expect(toSendParams(target("chat_identifier:chat1"), { service: "sms" })).toEqual({
      chat_identifier: "chat1",
    });
  });

  it("applies the account's service to a phone number without prefix", () => {
    expect(toSendParams(target("+15555550123"), { service: "sms", region: "US" })).toEqual({
      to: "+15555550123",
      service: "sms",
      region: "US",
    });
  });

  it("lets the target's own prefix win over the account's service", () => {
    expect(toSendParams(target("imessage:+15555550123"), { service: "sms", region: "US" })).toMatchObject({
      service: "imessage",
    });
  });

  it("never forces SMS onto an email address", () => {
    expect(toSendParams(target("bob@example.com"), { service: "sms", region: "US" })).toEqual({
      to: "bob@example.com",
      service: "imessage",
    });
  });

  it("passes the region along for phone numbers", () => {
    expect(toSendParams(target("020 7946 0958", "GB"), { region: "GB" })).toEqual({
      to: "+442079460958",
      region: "GB",
    });
  });

  it("passes the default region when the account has none", () => {
    expect(toSendParams(target("+15555550123"), {})).toEqual({ to: "+15555550123", region: "US" });
  });

  it("leaves the service to imsg when neither target nor account names one", () => {
    expect(toSendParams(target("bob@example.com"), {})).toEqual({ to: "bob@example.com" });
  });

  it("produces params that imsg's send schema accepts", () => {
    for (const raw of [
      "chat_id:1",
      "chat_guid:g",
      "chat_identifier:i",
      "sms:+15555550123",
      "bob@example.com",
    ]) {
      const params = toSendParams(target(raw), { service: "auto", region: "US" });
      expect(SendParams.safeParse({ ...params, text: "hi" }).success).toBe(true);
    }
  });
});

describe("target properties", () => {
  const trimmedText = fc.string({ minLength: 1 }).filter((s) => s.trim() === s && s !== "");
  const service = fc.constantFrom("imessage" as const, "sms" as const, "auto" as const);
  const phone = phoneArbitrary;
  const email = emailArbitrary;
  const anyTarget: fc.Arbitrary<Target> = fc.oneof(
    fc.nat().map((chatId): Target => ({ kind: "chat_id", chatId })),
    trimmedText.map((guid): Target => ({ kind: "chat_guid", guid })),
    trimmedText.map((identifier): Target => ({ kind: "chat_identifier", identifier })),
    fc.tuple(fc.option(service, { nil: undefined }), phone).map(([svc, e164]): Target => {
      const handle = { kind: "phone" as const, e164 };
      return svc ? { kind: "handle", handle, service: svc } : { kind: "handle", handle };
    }),
    fc
      .tuple(fc.option(fc.constantFrom("imessage" as const, "auto" as const), { nil: undefined }), email)
      .map(([svc, raw]): Target => {
        const handle = { kind: "email" as const, address: raw.toLowerCase() };
        return svc ? { kind: "handle", handle, service: svc } : { kind: "handle", handle };
      }),
  );

  it("parseTarget reads back every target formatTarget writes", () => {
    fc.assert(
      fc.property(anyTarget, (t) => {
        expect(parseTarget(formatTarget(t))).toEqual({ ok: true, target: t });
      }),
    );
  });

  it("never throws, whatever the input", () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ maxLength: 3 }), (raw, region) => {
        const result = parseTarget(raw, region);
        if (result.ok) toSendParams(result.target, { service: "sms", region });
      }),
    );
  });

  it("never sends SMS to an email address", () => {
    fc.assert(
      fc.property(email, fc.option(service, { nil: undefined }), (address, accountService) => {
        const result = parseTarget(address);
        if (!result.ok) throw new Error(result.error);
        const params = accountService
          ? toSendParams(result.target, { service: accountService })
          : toSendParams(result.target, {});
        expect(params.service).not.toBe("sms");
      }),
    );
  });
});
