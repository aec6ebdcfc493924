/**
 * The `sendOutcome` fault switch (protocol 1): the ways a real send fails
 * after imsg has accepted it, each with the delivery disposition imsg
 * reports (docs/rpc.md "delivery disposition", docs/send.md "Tahoe ghost-row
 * protection"):
 *
 * - `not_started`: nothing dispatched, nothing written; -32603, retry is safe.
 * - `may_have_completed`: the row is written, but the answer is -32001; the
 *   caller must prove delivery instead of sending again.
 * - `still_in_flight`: -32001 now, the row lands a second later, and every
 *   later mutation gets -32004 until the child restarts.
 * - `ghost_row`: a chat-target send to a group on macOS 26: Messages writes
 *   an empty outgoing SMS row joined to no chat, and imsg answers -32001.
 */
import type { DatabaseSync } from "node:sqlite";
import { insertMessage, type WrittenMessage } from "./chat-db-writer.ts";
import type { FaultConfig, FaultSwitches } from "./faults.ts";
import type { DeliveryFailure } from "./rpc-errors.ts";

export type SendOutcomeKind = NonNullable<FaultConfig["sendOutcome"]>;

/** How long a send left in flight takes to land. */
export const STILL_IN_FLIGHT_LANDS_MS = 1_000;

export class SendOutcomeSwitch {
  private readonly faults: FaultSwitches;
  private used = false;

  constructor(faults: FaultSwitches) {
    this.faults = faults;
    // Like every "once" switch, it arms again whenever the control file is (re)read.
    faults.onLoad(() => {
      this.used = false;
    });
  }

  /** The outcome this send meets, if the switch is on and can apply to it; a "once" switch is spent here. */
  take(appliesTo: (kind: SendOutcomeKind) => boolean): SendOutcomeKind | undefined {
    const { sendOutcome, sendOutcomeOnce } = this.faults.current;
    if (!sendOutcome || (sendOutcomeOnce && this.used) || !appliesTo(sendOutcome)) return undefined;
    this.used = true;
    return sendOutcome;
  }
}

const DETAILS: Record<Exclude<SendOutcomeKind, "ghost_row">, string> = {
  not_started: "Messages automation failed before the send was dispatched; nothing was sent.",
  may_have_completed:
    "Messages automation did not confirm the send before its deadline; the message may have been delivered.",
  still_in_flight: "Messages automation is still running after its deadline; the send may complete later.",
};

export function outcomeFailure(
  kind: Exclude<SendOutcomeKind, "ghost_row">,
  transport: DeliveryFailure["transport"],
): DeliveryFailure {
  return { disposition: kind, transport, operation: "send", detail: DETAILS[kind] };
}

/** The row macOS 26 writes instead of delivering to a group: empty, outgoing, SMS, in no chat. */
export function writeGhostRow(db: DatabaseSync, chatId: number, own: string | undefined): WrittenMessage {
  return insertMessage(db, {
    chatId,
    handleId: 0,
    isFromMe: true,
    text: "",
    service: "SMS",
    date: new Date(),
    destinationCallerId: own ?? null,
    awaitingDelivery: true,
    unjoined: true,
  });
}

export function ghostRowFailure(rowid: number): DeliveryFailure {
  return {
    disposition: "may_have_completed",
    transport: "applescript",
    operation: "send",
    detail: `Messages accepted the chat send but wrote an unjoined empty outgoing row (${rowid}); delivery to the target chat was not confirmed`,
  };
}
