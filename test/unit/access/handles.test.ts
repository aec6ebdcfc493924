import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatHandle,
  handleKey,
  matchesAllowList,
  normalizeHandle,
  splitServicePrefix,
} from "../../../app/access/handles.ts";
import { emailArbitrary, phoneArbitrary } from "../handle-arbitraries.ts";

describe("normalizeHandle in the Mac's region", () => {
  it("reads a London number written the British way", () => {
    expect(normalizeHandle("020 7946 0958", "GB")).toEqual({ kind: "phone", e164: "+442079460958" });
  });

  it("reads a British mobile number with its leading zero", () => {
    expect(normalizeHandle("07400 123456", "GB")).toEqual({ kind: "phone", e164: "+447400123456" });
  });

  it("reads a US number written with brackets and a dash", () => {
    expect(normalizeHandle("(415) 555-0100", "US")).toEqual({ kind: "phone", e164: "+14155550100" });
  });

  it("reads a German number written with its area code and a slash", () => {
    expect(normalizeHandle("030/1234567", "DE")).toEqual({ kind: "phone", e164: "+49301234567" });
  });

  it("reads a number with its country code the same in every region", () => {
    for (const region of ["GB", "US", "DE"]) {
      expect(normalizeHandle("+44 20 7946 0958", region)).toEqual({ kind: "phone", e164: "+442079460958" });
    }
  });

  it("reads the same local digits as a different person in another region", () => {
    expect(handleKey("020 7946 0958", "GB")).not.toBe(handleKey("020 7946 0958", "DE"));
  });

  it("says a number too short for the United Kingdom is not a phone number there, with a British example", () => {
    const handle = normalizeHandle("020 79", "GB");
    expect(handle).toEqual({
      kind: "invalid",
      reason: `"020 79" doesn't look like a phone number in the United Kingdom. Include the country code, like +44 7400 123456.`,
    });
  });

  it("names Germany without an article in its wording", () => {
    expect(normalizeHandle("12", "DE")).toMatchObject({
      reason: expect.stringContaining("a phone number in Germany. Include the country code, like +49"),
    });
  });

  it("asks to check the digits of a number that already has a plus", () => {
    expect(normalizeHandle("+44 12", "GB")).toMatchObject({
      reason: expect.stringContaining(`"+44 12" doesn't look like a phone number. Check the country code`),
    });
  });

  it("never mentions E.164 to the person typing", () => {
    for (const raw of ["12", "+1 2", "0 00 00 0"]) {
      const handle = normalizeHandle(raw, "DE");
      expect(handle.kind).toBe("invalid");
      if (handle.kind === "invalid") expect(handle.reason).not.toContain("E.164");
    }
  });
});

describe("normalizeHandle", () => {
  it("turns a formatted US number into E.164", () => {
    expect(normalizeHandle("+1 (555) 555-0123")).toEqual({ kind: "phone", e164: "+15555550123" });
  });

  it("reads a national number with the default region US", () => {
    expect(normalizeHandle("555-555-0123")).toEqual({ kind: "phone", e164: "+15555550123" });
  });

  it("reads a national number with the account's region", () => {
    expect(normalizeHandle("020 7946 0958", "GB")).toEqual({ kind: "phone", e164: "+442079460958" });
  });

  it("accepts a lower-case region code", () => {
    expect(normalizeHandle("020 7946 0958", "gb")).toEqual({ kind: "phone", e164: "+442079460958" });
  });

  it("still reads international numbers when the region is unknown", () => {
    expect(normalizeHandle("+44 20 7946 0958", "XX")).toEqual({ kind: "phone", e164: "+442079460958" });
  });

  it("strips a tel: prefix", () => {
    expect(normalizeHandle("tel:+15555550123")).toEqual({ kind: "phone", e164: "+15555550123" });
  });

  it("strips imessage:, sms: and auto: prefixes for comparison", () => {
    for (const raw of [
      "imessage:+15555550123",
      "sms:+15555550123",
      "auto:+15555550123",
      "iMessage:+15555550123",
    ]) {
      expect(normalizeHandle(raw)).toEqual({ kind: "phone", e164: "+15555550123" });
    }
  });

  it("lowercases and trims an email address", () => {
    expect(normalizeHandle("  Alice.Smith@Example.COM ")).toEqual({
      kind: "email",
      address: "alice.smith@example.com",
    });
  });

  it("recognises chat_id, chat_guid and chat_identifier entries", () => {
    expect(normalizeHandle("chat_id:42")).toEqual({ kind: "chat_id", chatId: 42 });
    expect(normalizeHandle("chat_guid:iMessage;+;chat123")).toEqual({
      kind: "chat_guid",
      guid: "iMessage;+;chat123",
    });
    expect(normalizeHandle("chat_identifier:chat123")).toEqual({
      kind: "chat_identifier",
      identifier: "chat123",
    });
  });

  it.each(["chat_id", "chatid", "chat", "CHAT_ID", "ChatId", "Chat"])(
    "reads %s:42 as chat_id 42",
    (prefix) => {
      expect(normalizeHandle(`${prefix}:42`)).toEqual({ kind: "chat_id", chatId: 42 });
    },
  );

  it.each(["chat_guid", "chatguid", "guid", "CHAT_GUID", "ChatGuid", "GUID"])(
    "reads %s:… as a chat guid, kept as written",
    (prefix) => {
      expect(normalizeHandle(`${prefix}:iMessage;+;chat123`)).toEqual({
        kind: "chat_guid",
        guid: "iMessage;+;chat123",
      });
    },
  );

  it.each([
    "chat_identifier",
    "chatidentifier",
    "chatident",
    "CHAT_IDENTIFIER",
    "ChatIdentifier",
    "CHATIDENT",
  ])("reads %s:… as a chat identifier, kept as written", (prefix) => {
    expect(normalizeHandle(`${prefix}: chat123 `)).toEqual({
      kind: "chat_identifier",
      identifier: "chat123",
    });
  });

  it("checks an alias's value like the canonical prefix's", () => {
    expect(normalizeHandle("chatid:abc")).toMatchObject({
      kind: "invalid",
      reason: expect.stringContaining("chat_id needs a chat number"),
    });
    expect(normalizeHandle("chat:*").kind).toBe("invalid");
    expect(normalizeHandle("guid:")).toMatchObject({
      kind: "invalid",
      reason: expect.stringContaining("needs a value"),
    });
  });

  it("writes an alias back in the canonical form", () => {
    const cases = [
      ["chatid:7", "chat_id:7"],
      ["GUID:any;-;+15555550123", "chat_guid:any;-;+15555550123"],
      ["chatident:chat99", "chat_identifier:chat99"],
    ];
    for (const [raw, canonical] of cases) {
      const handle = normalizeHandle(raw ?? "");
      if (handle.kind === "invalid") throw new Error(`${raw} should be valid`);
      expect(formatHandle(handle)).toBe(canonical);
    }
  });

  it("refuses a service prefix in front of a chat alias", () => {
    expect(normalizeHandle("imessage:chatid:42").kind).toBe("invalid");
  });

  it("explains that the reference's access groups are not supported", () => {
    expect(normalizeHandle("accessGroup:friends")).toMatchObject({
      kind: "invalid",
      reason: expect.stringContaining("no access groups"),
    });
  });

  it("recognises the wildcard", () => {
    expect(normalizeHandle("*")).toEqual({ kind: "wildcard" });
  });

  it("refuses a literal chat_id:* instead of reading it as a wildcard", () => {
    expect(normalizeHandle("chat_id:*").kind).toBe("invalid");
  });

  it("treats a shell expression as an invalid handle", () => {
    expect(normalizeHandle("$(rm -rf ~)").kind).toBe("invalid");
  });

  it("treats a contact name as an invalid handle", () => {
    expect(normalizeHandle("Mom").kind).toBe("invalid");
  });

  it("refuses text that merely starts with a number", () => {
    expect(normalizeHandle("+15555550123abc").kind).toBe("invalid");
  });

  it("refuses a number too short to be a phone number", () => {
    expect(normalizeHandle("123").kind).toBe("invalid");
  });

  it("refuses an email with a letter that only folds to ASCII (the Kelvin sign), instead of reading it as another", () => {
    const lookalike = "\u212Aate@example.com";
    const handle = normalizeHandle(lookalike);
    expect(handle.kind).toBe("invalid");
    if (handle.kind === "invalid") expect(handle.reason).toContain("is not a valid email address");
    expect(handleKey(lookalike)).toBeNull();
  });

  it("refuses an email address without a domain", () => {
    expect(normalizeHandle("alice@").kind).toBe("invalid");
  });

  it("refuses a service prefix in front of a chat reference", () => {
    expect(normalizeHandle("sms:chat_id:42").kind).toBe("invalid");
  });

  it("says in plain words that a short number is not a phone number in the region, with an example", () => {
    expect(normalizeHandle("555-01", "US")).toEqual({
      kind: "invalid",
      reason: `"555-01" doesn't look like a phone number in the United States. Include the country code, like +1 201 555 0123.`,
    });
  });

  it("reads back what formatHandle writes", () => {
    for (const raw of ["+15555550123", "bob@example.com", "chat_id:7", "chat_guid:any;-;+15555550123", "*"]) {
      const handle = normalizeHandle(raw);
      if (handle.kind === "invalid") throw new Error(`${raw} should be valid`);
      expect(normalizeHandle(formatHandle(handle))).toEqual(handle);
    }
  });
});

describe("splitServicePrefix", () => {
  it("returns the service and the rest of the handle", () => {
    expect(splitServicePrefix("SMS:+15555550123")).toEqual({ service: "sms", rest: "+15555550123" });
  });

  it("leaves a handle without prefix alone", () => {
    expect(splitServicePrefix(" bob@example.com ")).toEqual({ service: undefined, rest: "bob@example.com" });
  });
});

describe("handleKey", () => {
  it("gives formatted and E.164 numbers the same key", () => {
    expect(handleKey("+1 (555) 555-0123", "US")).toBe(handleKey("+15555550123", "US"));
  });

  it("gives uppercase and lowercase emails the same key", () => {
    expect(handleKey("BOB@Example.com")).toBe("bob@example.com");
  });

  it("is null for an invalid handle", () => {
    expect(handleKey("Mom")).toBeNull();
  });

  it("treats a macOS 26 any;-; chat guid like iMessage;-;", () => {
    expect(handleKey("chat_guid:any;-;+15555550123")).toBe(handleKey("chat_guid:iMessage;-;+15555550123"));
  });

  it("compares the handle inside a direct chat guid canonically", () => {
    expect(handleKey("chat_guid:iMessage;-;Bob@Example.com")).toBe(
      handleKey("chat_guid:any;-;bob@example.com"),
    );
  });

  it("keeps group chat guids distinct from direct ones", () => {
    expect(handleKey("chat_guid:iMessage;+;chat1")).not.toBe(handleKey("chat_guid:iMessage;-;chat1"));
  });
});

describe("matchesAllowList", () => {
  it("admits everyone with a * entry", () => {
    expect(matchesAllowList(["*"], { sender: "stranger@example.com" })).toBe(true);
  });

  it("admits a sender whose number is written differently in the list", () => {
    expect(matchesAllowList(["+1 (555) 555-0123"], { sender: "+15555550123" }, "US")).toBe(true);
  });

  it("admits a sender listed by national number under the account's region", () => {
    expect(matchesAllowList(["020 7946 0958"], { sender: "+442079460958" }, "GB")).toBe(true);
  });

  it("admits an email sender regardless of case", () => {
    expect(matchesAllowList(["Bob@Example.com"], { sender: "bob@example.COM" })).toBe(true);
  });

  it("does not admit a sender whose address only folds to a listed one", () => {
    expect(matchesAllowList(["kate@example.com"], { sender: "\u212Aate@example.com" })).toBe(false);
    expect(matchesAllowList(["\u212Aate@example.com"], { sender: "kate@example.com" })).toBe(false);
  });

  it("admits a sender listed with a service prefix", () => {
    expect(matchesAllowList(["imessage:+15555550123"], { sender: "+15555550123" })).toBe(true);
  });

  it("refuses a sender who is not listed", () => {
    expect(matchesAllowList(["+15555550123"], { sender: "+15555550199" })).toBe(false);
  });

  it("admits any sender in a chat listed by chat_id", () => {
    expect(matchesAllowList(["chat_id:42"], { sender: "+15555550199", chatId: 42 })).toBe(true);
  });

  it("refuses a chat with another chat_id", () => {
    expect(matchesAllowList(["chat_id:42"], { sender: "+15555550199", chatId: 43 })).toBe(false);
  });

  it("does not read a literal chat_id:* as admitting every chat", () => {
    expect(matchesAllowList(["chat_id:*"], { sender: "+15555550199", chatId: 42 })).toBe(false);
  });

  it("admits a chat listed by guid when Messages writes it as any;-;", () => {
    expect(matchesAllowList(["chat_guid:iMessage;-;+15555550123"], { chatGuid: "any;-;+15555550123" })).toBe(
      true,
    );
  });

  it("admits a chat listed under any alias, in any case", () => {
    const subject = {
      sender: "+15555550999",
      chatId: 42,
      chatGuid: "iMessage;+;chat42",
      chatIdentifier: "chat42",
    };
    for (const entry of [
      "Chat:42",
      "CHATID:42",
      "guid:iMessage;+;chat42",
      "ChatIdent:chat42",
      "chatidentifier:chat42",
    ]) {
      expect(matchesAllowList([entry], subject)).toBe(true);
    }
    expect(matchesAllowList(["chatid:43", "guid:iMessage;+;chat43"], subject)).toBe(false);
  });

  it("admits a chat listed by identifier", () => {
    expect(matchesAllowList(["chat_identifier:chat9876"], { chatIdentifier: "chat9876" })).toBe(true);
  });

  it("ignores invalid entries", () => {
    expect(matchesAllowList(["Mom", "$(rm -rf ~)"], { sender: "Mom" })).toBe(false);
  });

  it("refuses everything with an empty list", () => {
    expect(matchesAllowList([], { sender: "+15555550123", chatId: 1 })).toBe(false);
  });
});

describe("handle properties", () => {
  const phone = phoneArbitrary;
  const email = emailArbitrary;
  const anyHandle = fc.oneof(
    phone,
    email,
    fc.nat().map((n) => `chat_id:${n}`),
    fc.string().map((s) => `chat_guid:${s}`),
    fc.string(),
    fc.constant("*"),
  );

  it("never throws, whatever the input", () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ maxLength: 3 }), (raw, region) => {
        normalizeHandle(raw, region);
        handleKey(raw, region);
        matchesAllowList([raw], { sender: raw, chatGuid: raw, chatIdentifier: raw }, region);
      }),
    );
  });

  it("normalising a normalised handle changes nothing", () => {
    fc.assert(
      fc.property(anyHandle, (raw) => {
        const handle = normalizeHandle(raw);
        if (handle.kind === "invalid") return;
        expect(normalizeHandle(formatHandle(handle))).toEqual(handle);
      }),
    );
  });

  it("a handle key is its own key", () => {
    fc.assert(
      fc.property(anyHandle, (raw) => {
        const key = handleKey(raw);
        if (key === null) return;
        expect(handleKey(key)).toBe(key);
      }),
    );
  });

  it("every valid sender is admitted by a list holding its own key", () => {
    fc.assert(
      fc.property(fc.oneof(phone, email), (sender) => {
        const key = handleKey(sender);
        if (key === null) return;
        expect(matchesAllowList([key], { sender })).toBe(true);
      }),
    );
  });
});

describe("a national number whose E.164 form reads back as another", () => {
  it("is refused instead of matching two handles", () => {
    expect(normalizeHandle("0 00 00 0", "DE").kind).toBe("invalid");
    expect(normalizeHandle("030 1234567", "DE")).toEqual({ kind: "phone", e164: "+49301234567" });
  });
});
