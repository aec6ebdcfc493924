import { describe, expect, it } from "vitest";
import type { Agent } from "../../../app/agent/agent.ts";
import type { AgentStatus } from "../../../app/agent/agent-status.ts";
import { withReply } from "../../../app/agent/with-reply.ts";

describe("withReply", () => {
  it("answers through the new reply and keeps the inner agent's config, sessions, status and close", async () => {
    const calls: string[] = [];
    let listener: ((status: AgentStatus) => void) | undefined;
    const inner: Agent = {
      reply: async () => ({ text: "inner" }),
      resetSession: async (key) => {
        calls.push(`reset ${key}`);
      },
      applyConfig: () => calls.push("config"),
      status: () => ({ state: "failing", lastError: { at: "now", message: "401" } }),
      watchStatus: (next) => {
        listener = next;
      },
      close: async () => {
        calls.push("close");
      },
    };
    const heard: AgentStatus[] = [];
    const wrapped = withReply(inner, async () => ({ text: "outer" }));
    wrapped.applyConfig?.({});
    wrapped.watchStatus?.((status) => heard.push(status));
    listener?.({ state: "ok" });
    await wrapped.resetSession("agent:main:imessage:direct:+15555550123");
    await wrapped.close?.();
    expect((await wrapped.reply({} as never, AbortSignal.timeout(1000))).text).toBe("outer");
    expect(wrapped.status?.().state).toBe("failing");
    expect(heard).toEqual([{ state: "ok" }]);
    expect(calls).toEqual(["config", "reset agent:main:imessage:direct:+15555550123", "close"]);
  });

  it("adds no optional method the inner agent lacks", () => {
    const wrapped = withReply(
      { reply: async () => ({ text: "" }), resetSession: async () => undefined },
      async () => ({ text: "" }),
    );
    expect(Object.keys(wrapped).sort()).toEqual(["reply", "resetSession"]);
  });
});
