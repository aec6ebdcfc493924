import { z } from "zod";
import { IMSG_PROTOCOL_VERSION, type ImsgMethod, type ImsgStatus } from "./imsg-methods.ts";

/**
 * What one account's imsg can do, learnt when it starts: its build, its
 * protocol, whether its database opens, whether the IMCore bridge runs, and
 * which methods it would answer now. An imsg from before protocol 1 answers
 * `initialize` with -32601 and is taken to have the methods every build had.
 */
export const ImsgCapabilitiesSchema = z.object({
  /** 0 for a build before protocol negotiation (0.9–0.13). */
  protocol: z.number().int().nonnegative(),
  version: z.string().optional(),
  engineCommit: z.string().optional(),
  databaseReady: z.boolean().optional(),
  bridgeReady: z.boolean(),
  /** Usable now, as the build reported them. */
  methods: z.array(z.string()),
  /** Optional features that are on: database features and versioned capabilities (`name` or `name@version`). */
  features: z.array(z.string()),
});
export type ImsgCapabilities = z.infer<typeof ImsgCapabilitiesSchema>;

/** What every imsg with `rpc` answered before protocol 1. */
export const LEGACY_CAPABILITIES: ImsgCapabilities = {
  protocol: 0,
  bridgeReady: false,
  methods: ["chats.list", "messages.history", "watch.subscribe", "watch.unsubscribe", "send"],
  features: [],
};

/** The oldest imsg Pinch is built against; older ones still run, with less. */
export const OLDEST_SUPPORTED_IMSG = "0.14.0";

export function capabilitiesFromStatus(status: ImsgStatus): ImsgCapabilities {
  const databaseFeatures = Object.entries(status.database.features ?? {})
    .filter(([, on]) => on)
    .map(([name]) => name);
  const versioned = Object.entries(status.capabilities?.features ?? {}).map(
    ([name, version]) => `${name}@${version}`,
  );
  const engine = status.capabilities?.engine;
  return {
    protocol: status.protocol_version,
    version: engine?.version ?? status.version,
    ...(engine?.commit ? { engineCommit: engine.commit } : {}),
    databaseReady: status.database.ready,
    bridgeReady: status.bridge?.ready ?? false,
    methods: status.methods,
    features: [...databaseFeatures, ...versioned],
  };
}

export function canUse(capabilities: ImsgCapabilities, method: ImsgMethod): boolean {
  return capabilities.methods.includes(method);
}

/**
 * Whether a reply can be threaded under the message it answers: imsg's
 * `send` takes `reply_to` only through the IMCore bridge, so the bridge must
 * run and list its send with reply support (`send.rich`) as usable now.
 * Without it imsg refuses `reply_to` (-32602) rather than send unthreaded.
 */
export function canThreadReplies(capabilities: ImsgCapabilities): boolean {
  return capabilities.bridgeReady && capabilities.methods.includes(BRIDGE_REPLY_METHOD);
}

/** The bridge method whose presence in `status.methods` shows threaded replies can be sent. */
export const BRIDGE_REPLY_METHOD = "send.rich";

/** Whether this build speaks the protocol Pinch is written for. */
export function speaksCurrentProtocol(capabilities: ImsgCapabilities): boolean {
  return capabilities.protocol >= IMSG_PROTOCOL_VERSION;
}

/** `0.15.4` < `0.16.0`; a version that does not parse counts as current (a development build). */
export function isOlderThan(version: string | undefined, oldest: string): boolean {
  if (!version) return true;
  const parse = (text: string) => /^(\d+)\.(\d+)\.(\d+)/.exec(text)?.slice(1).map(Number);
  const have = parse(version);
  const need = parse(oldest);
  if (!have || !need) return false;
  for (let index = 0; index < 3; index++) {
    const a = have[index] as number;
    const b = need[index] as number;
    if (a !== b) return a < b;
  }
  return false;
}
