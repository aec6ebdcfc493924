/**
 * Which imsg the simulator plays. By default it is imsg as it ships today
 * (0.14–0.15.x, "protocol version 1" in imsg's docs/rpc.md); with
 * IMSG_SIM_PROTOCOL=legacy it is imsg 0.9, as the simulator was first written.
 * The two differ in params (lenient vs strict), errors, start-up failures and
 * methods, so every part that differs asks this one place.
 */

export type ProtocolMode = "protocol1" | "legacy";

/** The release each mode follows; IMSG_VERSION overrides what is reported, as in imsg. */
const MODE_VERSIONS: Record<ProtocolMode, string> = { protocol1: "0.15.4", legacy: "0.9.0" };

type Env = Record<string, string | undefined>;

export function protocolModeFrom(env: Env): ProtocolMode {
  const raw = (env.IMSG_SIM_PROTOCOL ?? "").trim().toLowerCase();
  if (raw === "" || raw === "1") return "protocol1";
  if (raw === "legacy") return "legacy";
  throw new Error(`imsg-sim: IMSG_SIM_PROTOCOL must be "legacy" or "1", not ${JSON.stringify(raw)}`);
}

export function simulatedVersion(mode: ProtocolMode, env: Env): string {
  return env.IMSG_VERSION || MODE_VERSIONS[mode];
}
