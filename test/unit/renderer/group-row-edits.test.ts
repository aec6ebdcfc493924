/**
 * The groups table's edits, checked against the core's own admission: after each edit, the chats
 * the window shows as allowed are exactly the ones the gateway answers.
 */
import { describe, expect, it } from "vitest";
import { resolveGroupAccess } from "../../../app/access/group-access.ts";
import { applyEdits, type ConfigEdit } from "../../../app/config/edit-config-tree.ts";
import type { GroupConfig } from "../../../app/config/schema.ts";
import {
  allowEdits,
  type GroupEdit,
  rowAllowed,
  settingEdits,
} from "../../../renderer/allowlists/group-row-edits.ts";

const groupsPath = "channels.imessage.groups";
const chats = [1, 2, 3];

function context(groups: Record<string, GroupConfig>) {
  return { groups, groupsPath, defaultMention: true };
}

/** The groups map after the window's edits, as the config writer would apply them. */
function withEdits(groups: Record<string, GroupConfig>, edits: GroupEdit[]): Record<string, GroupConfig> {
  const configEdits: ConfigEdit[] = edits.map((edit) =>
    "value" in edit
      ? { kind: "set", keyPath: edit.keyPath, value: edit.value }
      : { kind: "unset", keyPath: edit.keyPath },
  );
  const applied = applyEdits({ channels: { imessage: { groups } } }, configEdits);
  if (!applied.ok) throw new Error(applied.problem.message);
  const next = applied.next as { channels: { imessage: { groups?: Record<string, GroupConfig> } } };
  return next.channels.imessage.groups ?? {};
}

/** The chats the gateway answers under groupPolicy "open". */
function answered(groups: Record<string, GroupConfig>): number[] {
  return chats.filter(
    (chatId) => resolveGroupAccess({ policy: "open", chatId, groups, senderAllowed: true }).admit,
  );
}

/** The chats the window shows as allowed. */
function shown(groups: Record<string, GroupConfig>): number[] {
  return chats.filter((chatId) => rowAllowed(groups, String(chatId)));
}

describe("the groups table", () => {
  it("shows every chat allowed while nothing is listed, as the gateway answers them", () => {
    expect(shown({})).toEqual([1, 2, 3]);
    expect(answered({})).toEqual([1, 2, 3]);
    expect(rowAllowed({}, "*")).toBe(true);
  });

  it('shows a map without "*" as the list of allowed chats', () => {
    const groups = { "1": { requireMention: true } };
    expect(shown(groups)).toEqual([1]);
    expect(answered(groups)).toEqual([1]);
    expect(rowAllowed(groups, "*")).toBe(false);
  });

  it("turning one chat off while nothing is listed keeps the others answered", () => {
    const next = withEdits({}, allowEdits(context({}), "2", false, true));
    expect(answered(next)).toEqual([1, 3]);
    expect(shown(next)).toEqual([1, 3]);
  });

  it("setting a chat's mention rule while nothing is listed keeps the others answered", () => {
    const next = withEdits({}, settingEdits(context({}), "2", "requireMention", false));
    expect(next["2"]).toEqual({ requireMention: false });
    expect(answered(next)).toEqual([1, 2, 3]);
  });

  it('turning "All other groups" off leaves only the chats allowed on their own', () => {
    const groups = { "*": { requireMention: true }, "1": { requireMention: false } };
    const next = withEdits(groups, allowEdits(context(groups), "*", false, true));
    expect(next).toEqual({ "1": { requireMention: false } });
    expect(answered(next)).toEqual([1]);
    expect(shown(next)).toEqual([1]);
  });

  it('turning "All other groups" off when nothing else is listed answers no group at all', () => {
    const next = withEdits({}, allowEdits(context({}), "*", false, true));
    expect(answered(next)).toEqual([]);
    expect(shown(next)).toEqual([]);
  });

  it('turning a chat off under "*" keeps it off instead of handing it back to "*"', () => {
    const groups = { "*": { requireMention: true }, "2": { requireMention: false } };
    const next = withEdits(groups, allowEdits(context(groups), "2", false, false));
    expect(answered(next)).toEqual([1, 3]);
    expect(shown(next)).toEqual([1, 3]);
  });

  it("turning a chat off in a list of allowed chats removes it from the list", () => {
    const groups = { "1": {}, "2": {} };
    const next = withEdits(groups, allowEdits(context(groups), "2", false, true));
    expect(next).toEqual({ "1": {} });
    expect(answered(next)).toEqual([1]);
  });

  it("turning a chat on adds it to the list, keeping its mention rule", () => {
    const groups = { "1": {} };
    const next = withEdits(groups, allowEdits(context(groups), "3", true, false));
    expect(next["3"]).toEqual({ enabled: true, requireMention: false });
    expect(answered(next)).toEqual([1, 3]);
    expect(shown(next)).toEqual([1, 3]);
  });
});
