/**
 * Which prefix opens a reply, read the way the reference reads it: the
 * account's `responsePrefix`, else the channel's, else `messages.responsePrefix`.
 * The most specific one that is set wins, `""` included, which turns an
 * inherited prefix off.
 */
import type { ResolvedAccount } from "./resolve-accounts.ts";
import { findAgent, resolveDefaultAgentId } from "./resolve-agent.ts";
import type { PinchConfig } from "./schema.ts";

/** The value that stands for the answering agent's name in brackets. */
export const AUTO_PREFIX = "auto";

/**
 * The prefix for replies from `account` answered by `agentId`, or undefined
 * for none. `"auto"` becomes `[<identity name>]` of that agent
 * (`agents.list[].identity.name`); without a name there is no prefix, as in
 * the reference.
 */
export function resolveResponsePrefix(
  config: PinchConfig,
  account: Pick<ResolvedAccount, "responsePrefix">,
  agentId: string = resolveDefaultAgentId(config),
): string | undefined {
  const configured = account.responsePrefix ?? config.messages?.responsePrefix;
  if (configured !== AUTO_PREFIX) return configured;
  const name = findAgent(config, agentId)?.identity?.name?.trim();
  return name ? `[${name}]` : undefined;
}
