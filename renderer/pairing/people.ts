import type { AccountView, PairingOverview } from "../../app/ipc/view-schemas.ts";
import { describeWhen } from "../ui/human-time.ts";

type Approved = PairingOverview["accounts"][number]["approved"][number];

/** Someone who may message the assistant, and why: approved through pairing, on the list, or both. */
export interface Person {
  handle: string;
  name?: string;
  /** The pairing store's key, when pairing approved them. */
  pairingKey?: string;
  approvedAt?: number;
  /** The `allowFrom` entry, as written, when they are on the list. */
  listEntry?: string;
}

/**
 * One list from the two places that let people in: `allowFrom` and the senders pairing approved
 * (the gateway admits both alike). A handle in both places is one person.
 */
export function peopleWhoCanMessage(
  approved: readonly Approved[],
  allowFrom: AccountView["allowFrom"],
): Person[] {
  const people = new Map<string, Person>();
  for (const entry of approved) {
    people.set(entry.sender, {
      handle: entry.sender,
      ...(entry.name ? { name: entry.name } : {}),
      pairingKey: entry.key,
      approvedAt: entry.approvedAt,
    });
  }
  for (const entry of allowFrom) {
    const known = people.get(entry) ?? [...people.values()].find((person) => person.pairingKey === entry);
    if (known) known.listEntry = entry;
    else people.set(entry, { handle: entry, listEntry: entry });
  }
  return [...people.values()];
}

/** Where a person's permission comes from, in words. */
export function describeSource(person: Person): string {
  const approved =
    person.approvedAt === undefined ? undefined : `approved by pairing ${describeWhen(person.approvedAt)}`;
  const listed = person.listEntry === undefined ? undefined : "on your list";
  return [approved, listed].filter(Boolean).join(" · ");
}
