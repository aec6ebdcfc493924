import { describe, expect, it } from "vitest";
import { resolveDmAccess } from "../../../app/access/dm-access.ts";
import {
  groupRequiresMention,
  groupSystemPrompt,
  resolveGroupAccess,
} from "../../../app/access/group-access.ts";
import { chatPassesGroupList, groupChatGate } from "../../../app/access/group-chat-gate.ts";

const dm = (overrides: Partial<Parameters<typeof resolveDmAccess>[0]>) =>
  resolveDmAccess({
    policy: "pairing",
    allowFromHasWildcard: false,
    onAllowFrom: false,
    approvedByPairing: false,
    ...overrides,
  });

describe("DM access", () => {
  it("disabled drops everyone, even listed senders", () => {
    expect(dm({ policy: "disabled", onAllowFrom: true })).toEqual({ admit: false, reason: "dm-disabled" });
  });

  it("open admits everyone only with a wildcard", () => {
    expect(dm({ policy: "open", allowFromHasWildcard: true, onAllowFrom: true }).admit).toBe(true);
    expect(dm({ policy: "open" })).toEqual({ admit: false, reason: "not-on-allowlist" });
  });

  it("open without a wildcard is not widened by pairing approvals", () => {
    expect(dm({ policy: "open", approvedByPairing: true }).admit).toBe(false);
  });

  it("allowlist admits listed and paired senders and refuses others without pairing", () => {
    expect(dm({ policy: "allowlist", onAllowFrom: true })).toEqual({ admit: true, via: "allowFrom" });
    expect(dm({ policy: "allowlist", approvedByPairing: true })).toEqual({ admit: true, via: "pairing" });
    expect(dm({ policy: "allowlist" })).toEqual({ admit: false, reason: "not-on-allowlist" });
  });

  it("pairing starts pairing for an unknown sender", () => {
    expect(dm({})).toEqual({ admit: false, reason: "needs-pairing" });
  });
});

describe("the chat gate of a groups map", () => {
  it("no map or an empty one lets every chat through", () => {
    expect(groupChatGate(undefined)).toBe("every-chat");
    expect(groupChatGate({})).toBe("every-chat");
    expect(chatPassesGroupList({}, 42)).toBe(true);
  });

  it('a "*" row decides for the chats not listed', () => {
    expect(groupChatGate({ "*": {}, "7": {} })).toBe("wildcard");
    expect(chatPassesGroupList({ "*": {} }, 42)).toBe(true);
  });

  it('without "*" only the listed chats pass', () => {
    expect(groupChatGate({ "7": {} })).toBe("listed-only");
    expect(chatPassesGroupList({ "7": {} }, 7)).toBe(true);
    expect(chatPassesGroupList({ "7": {} }, 42)).toBe(false);
  });
});

describe("group access", () => {
  const base = { policy: "allowlist" as const, chatId: 42, groups: undefined, senderAllowed: true };

  it("disabled drops every group", () => {
    expect(resolveGroupAccess({ ...base, policy: "disabled" }).admit).toBe(false);
  });

  it("open admits any sender in any group when no groups map limits the chats", () => {
    expect(resolveGroupAccess({ ...base, policy: "open", senderAllowed: false }).admit).toBe(true);
    expect(resolveGroupAccess({ ...base, policy: "open", groups: {} }).admit).toBe(true);
    expect(resolveGroupAccess({ ...base, policy: "open", groups: { "*": {} } }).admit).toBe(true);
  });

  it('a groups map without "*" is the list of allowed chats under open too, naming the key', () => {
    const decision = resolveGroupAccess({
      ...base,
      policy: "open",
      senderAllowed: false,
      groups: { "7": {} },
    });
    expect(decision).toMatchObject({ admit: false, reason: "group-not-listed" });
    expect(decision.admit === false && decision.fix).toContain(
      'add "42" (or "*") to channels.imessage.groups',
    );
    expect(resolveGroupAccess({ ...base, policy: "open", groups: { "42": {} } }).admit).toBe(true);
  });

  it('a "*" row turned off refuses every chat not listed on its own', () => {
    const groups = { "*": { enabled: false }, "7": {} };
    const decision = resolveGroupAccess({ ...base, policy: "open", groups });
    expect(decision.admit === false && decision.fix).toBe(
      'channels.imessage.groups["*"] turns off every group not listed: add "42" to channels.imessage.groups',
    );
    expect(resolveGroupAccess({ ...base, policy: "open", groups, chatId: 7 }).admit).toBe(true);
  });

  it("allowlist refuses a sender who is not allowed, naming the key", () => {
    const decision = resolveGroupAccess({ ...base, senderAllowed: false });
    expect(decision).toMatchObject({ admit: false, reason: "sender-not-allowed" });
    expect(decision.admit === false && decision.fix).toContain("groupAllowFrom");
  });

  it("a groups map without the chat or a wildcard refuses the chat", () => {
    expect(resolveGroupAccess({ ...base, groups: { "7": {} } })).toMatchObject({
      reason: "group-not-listed",
    });
    expect(resolveGroupAccess({ ...base, groups: { "*": {} } }).admit).toBe(true);
    expect(resolveGroupAccess({ ...base, groups: { "42": {} } }).admit).toBe(true);
  });

  it("a group turned off in the map is refused even under open", () => {
    expect(resolveGroupAccess({ ...base, policy: "open", groups: { "42": { enabled: false } } }).admit).toBe(
      false,
    );
  });

  it("requireMention defaults to true, then the wildcard, then the chat decides", () => {
    expect(groupRequiresMention(undefined, 42)).toBe(true);
    expect(groupRequiresMention({ "*": { requireMention: false } }, 42)).toBe(false);
    expect(groupRequiresMention({ "*": { requireMention: false }, "42": { requireMention: true } }, 42)).toBe(
      true,
    );
  });

  it("an empty systemPrompt on the chat suppresses the wildcard's", () => {
    const groups = { "*": { systemPrompt: "be brief" }, "42": { systemPrompt: "" } };
    expect(groupSystemPrompt(groups, 42)).toBeUndefined();
    expect(groupSystemPrompt(groups, 7)).toBe("be brief");
  });
});
