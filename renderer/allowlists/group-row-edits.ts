import { groupChatGate } from "../../app/access/group-chat-gate.ts";
import type { AccountView } from "../../app/ipc/view-schemas.ts";

/**
 * The groups table's switches, kept to the core's rule (app/access/group-chat-gate.ts): a `groups`
 * map without `"*"` is the list of answered chats, and an empty map lets every chat through. Each
 * row shows whether its chat is answered, and each edit changes that row only: the other groups
 * stay answered, or not, as they were.
 */
type Groups = AccountView["groups"];
type GroupEntry = Groups[string];
export type GroupEdit = { keyPath: string; value?: unknown };

export interface GroupTableContext {
  groups: Groups;
  /** `<account>.groups`, the key path the rows live under. */
  groupsPath: string;
  /** The core's default for a group that neither its own entry nor `"*"` decides. */
  defaultMention: boolean;
}

export const WILDCARD = "*";

export function rowPath(groupsPath: string, key: string): string {
  return key === WILDCARD ? `${groupsPath}["*"]` : `${groupsPath}.${key}`;
}

function entryAllows(entry: GroupEntry): boolean {
  return entry.enabled !== false && entry.allow !== false;
}

/** Whether a chat without an entry of its own is answered: no map at all, or `"*"` lets it. */
export function othersAllowed(groups: Groups): boolean {
  const gate = groupChatGate(groups);
  const wildcard = groups[WILDCARD];
  return gate === "every-chat" || (wildcard !== undefined && entryAllows(wildcard));
}

/** Whether the row's chat is answered: its own entry decides, else the other groups' rule does. */
export function rowAllowed(groups: Groups, key: string): boolean {
  const entry = groups[key];
  return entry !== undefined ? entryAllows(entry) : othersAllowed(groups);
}

/**
 * A map that lists nothing yet turns into a list of answered chats with its first chat entry; a
 * `"*"` row written with it keeps every other group answered.
 */
function keepOthers(context: GroupTableContext, key: string): GroupEdit[] {
  if (key === WILDCARD || groupChatGate(context.groups) !== "every-chat") return [];
  return [
    { keyPath: rowPath(context.groupsPath, WILDCARD), value: { requireMention: context.defaultMention } },
  ];
}

/** The edits that answer the row's chat or stop answering it. */
export function allowEdits(
  context: GroupTableContext,
  key: string,
  allowed: boolean,
  requireMention: boolean,
): GroupEdit[] {
  const { groups, groupsPath } = context;
  const entry = groups[key];
  const path = rowPath(groupsPath, key);
  if (allowed) {
    return [
      ...keepOthers(context, key),
      { keyPath: path, value: { ...entry, enabled: true, requireMention } },
    ];
  }
  if (key === WILDCARD) {
    // Without "*" the listed chats are the only ones answered; with nothing else listed, an empty
    // map would answer every chat again, so the row stays, switched off.
    const listed = Object.keys(groups).some((other) => other !== WILDCARD);
    return listed ? [{ keyPath: path }] : [{ keyPath: path, value: { ...entry, enabled: false } }];
  }
  // Removing the entry would hand the chat back to "*", which answers it.
  if (othersAllowed(groups)) {
    return [...keepOthers(context, key), { keyPath: path, value: { ...entry, enabled: false } }];
  }
  return [{ keyPath: path }];
}

/** The edits that set one setting of the row (`requireMention`, `systemPrompt`). */
export function settingEdits(
  context: GroupTableContext,
  key: string,
  setting: "requireMention" | "systemPrompt",
  value: unknown,
): GroupEdit[] {
  return [...keepOthers(context, key), { keyPath: `${rowPath(context.groupsPath, key)}.${setting}`, value }];
}
