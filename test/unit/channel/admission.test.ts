import { describe, expect, it } from "vitest";
import { type AdmissionInput, decideAdmission } from "../../../app/channel/admission.ts";
import { resolveAccounts } from "../../../app/config/resolve-accounts.ts";
import { validateConfig } from "../../../app/config/validate-config.ts";
import type { Message } from "../../../app/imsg/protocol.ts";

const owner = "+15555550100";
const member = "+15555550123";

function account(imessage: Record<string, unknown>) {
  const result = validateConfig({ channels: { imessage } }, { homedir: "/Users/someone" });
  if (!result.ok) throw new Error(`test config is invalid: ${JSON.stringify(result.errors)}`);
  const [first] = resolveAccounts(result.config, { homedir: "/Users/someone" });
  if (!first) throw new Error("expected one account");
  return first;
}

function groupMessage(sender: string, text: string): Message {
  return {
    id: 1,
    chat_id: 42,
    guid: "g-1",
    is_group: true,
    is_from_me: false,
    sender,
    text,
    created_at: new Date().toISOString(),
  };
}

const byPinch = (text: string) => /\bpinch\b/i.test(text);

function admit(overrides: Partial<AdmissionInput> & Pick<AdmissionInput, "message">) {
  return decideAdmission({
    account: account({ groupPolicy: "open" }),
    agentId: "main",
    dmScope: "per-channel-peer",
    ownerAllowFrom: [owner],
    selfChat: false,
    resemblesOwnSend: false,
    mentioned: byPinch,
    approvedByPairing: () => false,
    ...overrides,
  });
}

describe("admission of group commands", () => {
  it("drops a member's /reset in a group, saying who may run it", () => {
    const decision = admit({ message: groupMessage(member, "/reset") });
    expect(decision).toMatchObject({ kind: "drop", reason: "command-not-owner" });
    expect(decision.kind === "drop" && decision.fix).toBe(
      "only an owner may run /reset in a group: add the sender to commands.ownerAllowFrom",
    );
  });

  it("drops a member's /new and /config in a group, even when the message mentions the assistant", () => {
    for (const text of ["/new", "/config show", "/config set messages.responsePrefix=x"]) {
      expect(admit({ message: groupMessage(member, text) })).toMatchObject({ reason: "command-not-owner" });
    }
  });

  it("lets an owner's command through without a mention", () => {
    expect(admit({ message: groupMessage(owner, "/reset") })).toMatchObject({
      kind: "turn",
      owner: true,
      command: { name: "new" },
    });
  });

  it("reads no command in a row with the words of our own send, even in the owner's self-chat", () => {
    const reply = "/config set channels.imessage.textChunkLimit=5";
    const selfChat = { ...groupMessage(owner, reply), is_group: false, chat_id: 7 };
    expect(admit({ message: selfChat, selfChat: true, resemblesOwnSend: true })).toMatchObject({
      kind: "turn",
      owner: true,
      command: null,
    });
    // In a group it is an unmentioned message like any other, read as context only.
    expect(admit({ message: groupMessage(owner, "/new"), resemblesOwnSend: true })).toEqual({
      kind: "context-only",
    });
  });

  it('"*" in ownerAllowFrom names no owner', () => {
    const decision = admit({ message: groupMessage(member, "/reset"), ownerAllowFrom: ["*"] });
    expect(decision).toMatchObject({ kind: "drop", reason: "command-not-owner" });
  });

  it("a member's command in a chat the group gates refuse is refused by those gates first", () => {
    const decision = admit({
      message: groupMessage(member, "/reset"),
      account: account({ groupPolicy: "open", groups: { "7": {} } }),
    });
    expect(decision).toMatchObject({ kind: "drop", reason: "group-not-listed" });
  });

  it("a member's /new in a direct message still starts their own conversation", () => {
    const message = { ...groupMessage(member, "/new"), is_group: false };
    const decision = admit({ message, account: account({ dmPolicy: "open", allowFrom: ["*"] }) });
    expect(decision).toMatchObject({ kind: "turn", owner: false, command: { name: "new" } });
  });
});

describe("admission and the mention gate", () => {
  it("keeps an unmentioned message as context", () => {
    expect(admit({ message: groupMessage(member, "dinner?") })).toEqual({ kind: "context-only" });
    expect(admit({ message: groupMessage(member, "pinch, dinner?") })).toMatchObject({ kind: "turn" });
  });

  it("answers when no mention pattern is usable, with a warning once per chat", () => {
    const decision = admit({ message: groupMessage(member, "dinner?"), mentioned: null });
    expect(decision).toMatchObject({
      kind: "turn",
      warning: { reason: "mention-gate-unenforceable", gateKey: "chat:42" },
    });
    expect(decision.kind === "turn" && decision.warning?.fix).toMatch(/no mention pattern is usable/);
  });

  it("needs no pattern where requireMention is off, and warns of nothing", () => {
    const decision = admit({
      message: groupMessage(member, "dinner?"),
      mentioned: null,
      account: account({ groupPolicy: "open", groups: { "*": { requireMention: false } } }),
    });
    expect(decision).toMatchObject({ kind: "turn" });
    expect(decision.kind === "turn" && decision.warning).toBeUndefined();
  });
});
