import type { DmScope } from "../config/schema.ts";

/**
 * Session keys in the reference implementation's shape, so sessions line up
 * with an existing OpenClaw setup. `main` shares one conversation across
 * every DM; Pinch writes `per-channel-peer` into the configs it creates.
 */
export function dmSessionKey(input: {
  agentId: string;
  scope: DmScope;
  accountId: string;
  peer: string;
}): string {
  switch (input.scope) {
    case "main":
      return `agent:${input.agentId}:main`;
    case "per-peer":
      return `agent:${input.agentId}:direct:${input.peer}`;
    case "per-channel-peer":
      return `agent:${input.agentId}:imessage:direct:${input.peer}`;
    case "per-account-channel-peer":
      return `agent:${input.agentId}:imessage:${input.accountId}:direct:${input.peer}`;
  }
}

export function groupSessionKey(agentId: string, chatId: number): string {
  return `agent:${agentId}:imessage:group:${chatId}`;
}
