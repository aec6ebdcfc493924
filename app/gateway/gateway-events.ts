import type { AgentStatus } from "../agent/agent-status.ts";
import type { ChannelEvent } from "../channel/channel-events.ts";

/** Everything the gateway reports to its host: each account's events, and the model side's state. */
export type GatewayEvent = ChannelEvent | { type: "agent-status"; status: AgentStatus };
