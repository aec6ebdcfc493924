import type { PairingRequest } from "../access/pairing-store.ts";
import type { AccountStatus } from "../imsg/account-status.ts";

/**
 * What an account's channel tells the world, as one typed stream: the app's
 * tray and window, `pinch status` and the first-run wizard all listen here
 * instead of wrapping the parts that do the work.
 */
export type ChannelEvent =
  | { type: "status"; status: AccountStatus }
  | { type: "pairing-requested"; accountId: string; request: PairingRequest }
  /** The account's pairing file changed: a request came or went, a sender was approved or removed. */
  | { type: "pairing-changed"; accountId: string }
  /** The agent's answer to a turn was delivered. */
  | { type: "turn-answered"; accountId: string; sender: string; isGroup: boolean; at: number }
  /** A direct message from a sender not on the list was read and not answered (the wizard offers to add them). */
  | { type: "sender-not-listed"; accountId: string; sender: string; at: number }
  /** The messages kept from while Pinch was away changed: one came, was answered, or all were dismissed. */
  | { type: "away-changed"; accountId: string };
