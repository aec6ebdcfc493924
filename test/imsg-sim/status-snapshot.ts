/**
 * `initialize` and `status` (protocol 1): what this imsg build is and what it
 * can do right now. `supported_methods` is the compiled surface of imsg 0.15
 * on macOS; `methods` is what is usable at this instant: database reads only
 * while the database opens, `send`, `typing` and `read` always (they need no
 * bridge on macOS), bridge-only methods only while a bridge runs (the
 * `bridge` fault switch).
 */
import type { DatabaseSnapshot } from "./database-resource.ts";
import { BRIDGE_NOT_STARTED } from "./rpc-errors.ts";

export const PROTOCOL_VERSION = 1;

type Needs = "database" | "scheduled" | "balloons" | "reactions" | "bridge" | "bridgeEvents";

/** imsg 0.15's method table (RPCMethodDescriptors): each name and what it needs to be usable. */
const METHODS: [names: string[], needs: Needs[]][] = [
  [["initialize"], []],
  [["status"], []],
  [["watch.unsubscribe"], []],
  [["chats.list"], ["database"]],
  [["chats.get"], ["database"]],
  [["messages.stats"], ["database"]],
  [["messages.history"], ["database"]],
  [["messages.search"], ["database"]],
  [["messages.after"], ["database"]],
  [["messages.scheduled"], ["scheduled"]],
  [["watch.subscribe"], ["database"]],
  [["bridge.events.subscribe"], ["bridgeEvents"]],
  [["message.send_status"], ["database"]],
  [["send"], []],
  [["send.tracked"], ["database", "bridge"]],
  [["chats.create"], ["bridge"]],
  [["chats.delete"], ["bridge"]],
  [["chats.markUnread"], ["bridge"]],
  [["send.rich"], ["bridge"]],
  [["send.attachment"], ["bridge"]],
  [["send.multipart"], ["database", "bridge"]],
  [["send.sticker"], ["database", "bridge"]],
  [["poll.send", "messages.poll.send"], ["bridge"]],
  [
    ["poll.vote", "messages.poll.vote"],
    ["database", "balloons", "bridge"],
  ],
  [
    ["poll.unvote", "polls.unvote", "messages.poll.unvote"],
    ["database", "balloons", "reactions", "bridge"],
  ],
  [["tapback"], ["bridge"]],
  [["typing"], []],
  [["read"], []],
  [["message.edit"], ["bridge"]],
  [["message.unsend"], ["bridge"]],
  [["message.delete"], ["bridge"]],
  [["message.notifyAnyways"], ["bridge"]],
  [["group.rename"], ["bridge"]],
  [["group.setIcon"], ["bridge"]],
  [["group.addParticipant"], ["bridge"]],
  [["group.removeParticipant"], ["bridge"]],
  [["group.leave"], ["bridge"]],
  [["contacts.shouldShareContact"], ["bridge"]],
  [["contacts.shareContactCard"], ["bridge"]],
  [["handles.check"], ["bridge"]],
];

export const SUPPORTED_METHODS: string[] = METHODS.flatMap(([names]) => names);

/** Methods that only a running bridge can serve: without one they answer -32003. */
export const BRIDGE_METHODS = new Set(
  METHODS.filter(([, needs]) => needs.includes("bridge") || needs.includes("bridgeEvents")).flatMap(
    ([names]) => names,
  ),
);

/** The bridge's selectors as a running v2 bridge reports them: everything present. */
const BRIDGE_SELECTORS = [
  "sendMessage",
  "sendAttachment",
  "sendMultipart",
  "sendReaction",
  "emojiTapbackSend",
  "stickerSend",
  "pollPayloadMessage",
  "pollVoteMessage",
  "createChat",
  "deleteChat",
  "markChatUnread",
  "editMessage",
  "retractMessagePart",
  "deleteMessage",
  "notifyAnyways",
  "setDisplayName",
  "updateGroupPhoto",
  "addParticipant",
  "removeParticipant",
  "leaveChat",
  "namePhotoShouldOffer",
  "namePhotoShare",
  "checkIMessageAvailability",
  "clientMessageGuidReservation",
];

function usable(needs: Needs[], database: DatabaseSnapshot, bridge: boolean): boolean {
  const features = database.features ?? {};
  const met: Record<Needs, boolean> = {
    database: database.ready,
    scheduled: features.scheduled_messages === true,
    balloons: features.balloon_payloads === true,
    reactions: features.reactions === true,
    bridge,
    // The simulator has no bridge event log to read.
    bridgeEvents: false,
  };
  return needs.every((need) => met[need]);
}

export function statusSnapshot(version: string, database: DatabaseSnapshot, bridge: boolean): object {
  const bridgeStatus = bridge
    ? {
        ready: true,
        bridge_version: 2,
        v2_ready: true,
        registry_available: true,
        selectors: Object.fromEntries(BRIDGE_SELECTORS.map((name) => [name, true])),
      }
    : { ready: false, error: BRIDGE_NOT_STARTED };
  return {
    version,
    protocol_version: PROTOCOL_VERSION,
    database,
    bridge: bridgeStatus,
    contacts: { available: true },
    methods: METHODS.filter(([, needs]) => usable(needs, database, bridge)).flatMap(([names]) => names),
    supported_methods: SUPPORTED_METHODS,
    capabilities: {
      engine: { version, commit: "5e1f0c4", built_at: "2026-01-01T00:00:00Z" },
      features: bridge ? { "tapback.emoji": 2 } : {},
    },
  };
}
