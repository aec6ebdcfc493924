/**
 * "Who may talk" in an allowed group, checked against the core's own sender gate: what the table
 * says about a member not on the list is what the gateway does with their message.
 */
import { describe, expect, it } from "vitest";
import { matchesAllowList } from "../../../app/access/handles.ts";
import type { AccountView } from "../../../app/ipc/view-schemas.ts";
import { groupSenders, withGroupSenders } from "../../../renderer/allowlists/group-senders.ts";

const owner = "+15555550123";
const member = "+15555550456";

function account(patch: Partial<AccountView>): AccountView {
  return {
    id: "default",
    enabled: true,
    isDefault: true,
    configPath: "channels.imessage",
    region: "US",
    dmPolicy: "allowlist",
    allowFrom: [owner],
    groupPolicy: "allowlist",
    groupAllowFrom: null,
    groups: {},
    settings: [],
    ...patch,
  };
}

const memberAdmitted = (entries: string[]) => matchesAllowList(entries, { sender: member, chatId: 7 });

describe("who may talk in an allowed group", () => {
  it("is only people on my list until the chat is on the sender list", () => {
    expect(groupSenders(account({}), "7")).toEqual({ kind: "choice", value: "list" });
    expect(memberAdmitted([owner])).toBe(false);
  });

  it("everyone in this group puts the chat on the list the core reads, and the core then admits a member", () => {
    const entries = withGroupSenders([owner], "7", "everyone");
    expect(entries).toEqual([owner, "chat_id:7"]);
    expect(groupSenders(account({ allowFrom: entries }), "7")).toEqual({ kind: "choice", value: "everyone" });
    expect(memberAdmitted(entries)).toBe(true);
  });

  it("only people on my list removes every spelling of the chat's entry and nothing else", () => {
    expect(withGroupSenders([owner, "chat:7", "ChatID: 7", "chat_id:8"], "7", "list")).toEqual([
      owner,
      "chat_id:8",
    ]);
  });

  it("reads the group list when the account has one", () => {
    const view = account({ groupAllowFrom: ["chat_id:7"] });
    expect(groupSenders(view, "7")).toEqual({ kind: "choice", value: "everyone" });
    expect(groupSenders(view, "8")).toEqual({ kind: "choice", value: "list" });
  });

  it("is everyone, without a choice, under the open group policy or a list holding *", () => {
    expect(groupSenders(account({ groupPolicy: "open" }), "7")).toEqual({ kind: "everyone", why: "open" });
    expect(groupSenders(account({ groupAllowFrom: ["*"] }), "7")).toEqual({
      kind: "everyone",
      why: "wildcard",
    });
  });
});
