import type { Agent } from "./agent.ts";

/**
 * `inner` with its `reply` replaced and everything else (config, sessions,
 * status, close) still its own. Wrappers must keep those: an agent that never
 * hears `applyConfig` never learns it has a model, and answers with echo.
 */
export function withReply(inner: Agent, reply: Agent["reply"]): Agent {
  const wrapped: Agent = { reply, resetSession: (sessionKey) => inner.resetSession(sessionKey) };
  if (inner.applyConfig) wrapped.applyConfig = (config) => inner.applyConfig?.(config);
  if (inner.status) wrapped.status = () => inner.status?.() ?? { state: "idle" };
  if (inner.watchStatus) wrapped.watchStatus = (listener) => inner.watchStatus?.(listener);
  if (inner.close) wrapped.close = () => inner.close?.() ?? Promise.resolve();
  return wrapped;
}
