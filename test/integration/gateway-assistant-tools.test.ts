/**
 * Who may have the model use the assistant's tools, and what `catch_up`
 * reads, through the real `pinch gateway`, the simulator and the fake
 * provider: a stranger or a group member is offered no tool and a tool call
 * anyway is refused, never run; a catch-up is bounded and never reads a chat
 * the owner excluded.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { TOOL_REFUSAL } from "../../app/agent/turn-tools.ts";
import { CATCH_UP_LIMITS } from "../../app/reminders/catch-up-tool.ts";
import { FakeLlmServer, type RecordedRequest } from "../fake-llm/fake-llm-server.ts";
import { carriedToolResults, offeredTools, relayToolResult } from "../fake-llm/fake-tool-calls.ts";
import { providerConfig } from "../fake-llm/model-gateway.ts";
import { type GatewayHarness, settle, startGateway } from "./gateway-harness.ts";

const owner = "+15555550100";
const stranger = "+15555550166";
const WAIT = { timeoutMs: 20_000 };

// Each test starts the real gateway (twice across a restart) and lets a reminder come due: on a
// loaded runner that takes well over the default 30 s.
vi.setConfig({ testTimeout: 120_000 });

let harness: GatewayHarness | undefined;
let fake: FakeLlmServer | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  await fake?.close();
  fake = undefined;
});

async function startWithModel(imessage: Record<string, unknown> = {}) {
  fake = await FakeLlmServer.start(relayToolResult);
  harness = await startGateway({
    echo: false,
    imessage: { dmPolicy: "open", allowFrom: ["*"], groupPolicy: "open", ...imessage },
    extra: {
      ...providerConfig({ baseUrl: fake.baseUrl, api: "anthropic-messages" }),
      commands: { ownerAllowFrom: [owner] },
    },
    env: { TZ: "UTC" },
  });
  return { fake, harness };
}

describe("tools for someone who is not the owner", () => {
  it("are not offered to a stranger, and a tool call anyway is refused and never run", async () => {
    const { fake, harness } = await startWithModel();
    fake.script({ kind: "tool-call", name: "remind", input: { text: "spam", when: "in 1 second" } });
    const { chatId } = harness.sim.injectInbound({ from: stranger, text: "remind me in a second" });
    const [reply] = await harness.waitForSent(1, { chatId, ...WAIT });
    expect(reply?.text).toBe(TOOL_REFUSAL);
    expect(offeredTools(fake.requests[0] as RecordedRequest)).toEqual([]);
    await harness.waitForLog(/refused a tool call the turn did not offer/, 10_000);
    await settle(2_000);
    expect(harness.sent({ chatId })).toHaveLength(1);
    expect(harness.logs()).not.toMatch(/INFO\s+tool call /);
    expect(existsSync(join(harness.stateDir, "imessage", "default", "reminders.json"))).toBe(false);
  });

  it("are not offered to a group member, and a catch-up asked for there is refused", async () => {
    const { fake, harness } = await startWithModel();
    const group = harness.sim.group({ participants: [stranger, "+15555550188"], displayName: "Book club" });
    fake.script({ kind: "tool-call", name: "catch_up", input: { hours: 24 } });
    harness.sim.injectInbound({ chat: group, from: stranger, text: "what did everyone say today?" });
    const [reply] = await harness.waitForSent(1, { chatId: group.id, ...WAIT });
    expect(reply?.text).toBe(TOOL_REFUSAL);
    expect(offeredTools(fake.requests[0] as RecordedRequest)).toEqual([]);
    expect(harness.logs()).not.toMatch(/catch_up read chats/);
  });

  it("offers remind to a sender the config opens it to, and only remind", async () => {
    const { fake, harness } = await startWithModel();
    harness.editConfig((config) => {
      config.agents.defaults.tools = { remind: { allowFrom: [stranger] } };
    });
    await harness.waitForLog(/config reloaded/, 10_000);
    const { chatId } = harness.sim.injectInbound({ from: stranger, text: "hello" });
    await harness.waitForSent(1, { chatId, ...WAIT });
    expect(offeredTools(fake.requests[0] as RecordedRequest)).toEqual(["remind"]);
  });
});

describe("catch_up", () => {
  it("hands the model what arrived, bounded, and never reads a chat the owner excluded", async () => {
    const { fake, harness } = await startWithModel({ catchUp: { excludeChats: ["Doctor"] } });
    const family = harness.sim.group({
      participants: ["+15555550111", "+15555550112"],
      displayName: "Family",
    });
    const doctor = harness.sim.group({
      participants: ["+15555550121", "+15555550122"],
      displayName: "Doctor",
    });
    // An hour old, past the age fence, so the gateway leaves them unanswered: a long afternoon of news.
    const earlier = new Date(Date.now() - 3_600_000);
    harness.sim.batch(() => {
      for (let index = 0; index < 40; index++)
        harness?.sim.injectInbound({
          chat: family,
          from: "+15555550111",
          text: `family news ${index} ${"x".repeat(380)}`,
          date: earlier,
        });
      harness?.sim.injectInbound({
        chat: doctor,
        from: "+15555550121",
        text: "your test results",
        date: earlier,
      });
    });
    await settle(1_000);
    fake.script(
      { kind: "tool-call", name: "catch_up", input: { hours: 12 } },
      { kind: "reply", text: "Family: lots of news." },
    );
    const { chatId } = harness.sim.injectInbound({ from: owner, text: "what did I miss?" });
    const sent = await harness.waitForSent(1, { chatId, ...WAIT });
    expect(sent.at(-1)?.text).toBe("Family: lots of news.");
    const result = carriedToolResults(fake.requests.at(-1) as RecordedRequest)[0]?.output ?? "";
    expect(result).toContain("family news 0");
    expect(result).not.toContain("your test results");
    expect(result).toContain('"truncated":true');
    expect(result.length).toBeLessThan(CATCH_UP_LIMITS.characters * 2);
    const read = /catch_up read chats.*chats=\[?([\d, ]*)/.exec(harness.logs())?.[1] ?? "";
    const readIds = read.split(/[, ]+/).filter(Boolean).map(Number);
    expect(readIds).toContain(family.id);
    expect(readIds).not.toContain(doctor.id);
  });
});
