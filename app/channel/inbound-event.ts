import type { Message } from "../imsg/protocol.ts";

/**
 * What the watch hands the inbound pipeline: one row of chat.db, classified.
 * The pipeline keys its handlers by `kind`, so a new kind does not compile
 * until the pipeline says what it means (a turn, context, or nothing).
 *
 * `replay`: the row existed before this watch began (a backlog after a
 * restart), which allows it to be older than a live row may be.
 */
export type InboundEvent =
  /** A message someone wrote, or we did (echoes are screened out downstream). */
  | { kind: "message"; message: Message; replay: boolean }
  /** A tapback (❤️, 👍 …): never a turn and never a pairing code. */
  | { kind: "reaction"; message: Message; replay: boolean };

export type InboundKind = InboundEvent["kind"];

export function classifyRow(message: Message, replay: boolean): InboundEvent {
  return message.is_reaction ? { kind: "reaction", message, replay } : { kind: "message", message, replay };
}
