/**
 * What the agent is handed for each turn, through a real gateway and the
 * simulator as its child; the agent here records turns instead of asking a model.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Agent, AgentTurn } from "../../app/agent/agent.ts";
import { coreContext } from "../../app/core-context.ts";
import { Gateway } from "../../app/gateway/gateway.ts";
import { silentLogger } from "../../app/log/logger.ts";
import { imsgShimPath, SimDb } from "../imsg-sim/sim-db.ts";
import { waitFor } from "./gateway-harness.ts";

const friend = "+15555550123";
const other = "+15555550999";

let running: { gateway: Gateway; sim: SimDb } | undefined;
afterEach(async () => {
  await running?.gateway.stop();
  running?.sim.close();
  running = undefined;
});

async function start(config: Record<string, unknown>, seed?: (sim: SimDb) => void) {
  const dir = mkdtempSync(join(tmpdir(), "pinch-turns-"));
  const sim = SimDb.create({ path: join(dir, "chat.db") });
  seed?.(sim);
  const turns: AgentTurn[] = [];
  const agent: Agent = {
    async reply(turn) {
      turns.push(turn);
      return { text: `ok ${turns.length}` };
    },
    async resetSession() {},
  };
  const { channels, ...rest } = config as { channels?: { imessage?: Record<string, unknown> } };
  writeFileSync(
    join(dir, "pinch.json5"),
    JSON.stringify({
      ...rest,
      channels: { imessage: { cliPath: imsgShimPath(), dbPath: sim.path, ...channels?.imessage } },
    }),
  );
  const gateway = await Gateway.start(
    coreContext({
      configPath: join(dir, "pinch.json5"),
      stateDir: join(dir, "state"),
      log: silentLogger,
      watchDebounceMs: 0,
      env: { ...process.env, IMSG_SIM_POLL_MS: "10" },
    }),
    { agent },
  );
  await gateway.whenReady();
  running = { gateway, sim };
  const turnsAfter = async (count: number) => {
    await waitFor(
      () => turns.length >= count,
      5_000,
      () => `expected ${count} turns, got ${turns.length}`,
    );
    return turns;
  };
  return { sim, turns, turnsAfter };
}

describe("what the agent is handed", () => {
  it("keys DM sessions per sender with per-channel-peer, and shares one with main", async () => {
    const perPeer = await start({
      channels: { imessage: { dmPolicy: "open", allowFrom: ["*"] } },
      session: { dmScope: "per-channel-peer" },
    });
    perPeer.sim.injectInbound({ from: friend, text: "a" });
    perPeer.sim.injectInbound({ from: other, text: "b" });
    const keys = (await perPeer.turnsAfter(2)).map((turn) => turn.sessionKey).sort();
    expect(keys).toEqual([`agent:main:imessage:direct:${friend}`, `agent:main:imessage:direct:${other}`]);
  });

  it("keeps each DM sender's conversation apart when dmScope is absent", async () => {
    const unset = await start({ channels: { imessage: { dmPolicy: "open", allowFrom: ["*"] } } });
    unset.sim.injectInbound({ from: friend, text: "a" });
    unset.sim.injectInbound({ from: other, text: "b" });
    const keys = (await unset.turnsAfter(2)).map((turn) => turn.sessionKey).sort();
    expect(keys).toEqual([`agent:main:imessage:direct:${friend}`, `agent:main:imessage:direct:${other}`]);
  });

  it("shares one session across DMs only when dmScope is main, as written", async () => {
    const shared = await start({
      channels: { imessage: { dmPolicy: "open", allowFrom: ["*"] } },
      session: { dmScope: "main" },
    });
    shared.sim.injectInbound({ from: friend, text: "a" });
    shared.sim.injectInbound({ from: other, text: "b" });
    expect(new Set((await shared.turnsAfter(2)).map((turn) => turn.sessionKey))).toEqual(
      new Set(["agent:main:main"]),
    );
  });

  it("gives a group its own session, its system prompt, and the unmentioned messages as context", async () => {
    const { sim, turnsAfter } = await start({
      channels: {
        imessage: {
          groupPolicy: "open",
          groups: { "*": { systemPrompt: "Keep it short." } },
        },
      },
      messages: { groupChat: { mentionPatterns: ["@pinch"] } },
    });
    const chat = sim.group({ participants: [friend, other], displayName: "Family" });
    sim.injectInbound({ from: other, chat, text: "dinner at 7?" });
    sim.injectInbound({ from: friend, chat, text: "@pinch what did they say?" });
    const [turn] = await turnsAfter(1);
    expect(turn?.sessionKey).toBe(`agent:main:imessage:group:${chat.id}`);
    expect(turn?.extraSystemPrompt).toBe("Keep it short.");
    expect(turn?.isGroup).toBe(true);
    expect(turn?.context.map((entry) => entry.text)).toEqual(["dinner at 7?"]);
  });

  it("treats a chat listed in groups as a group even when imsg says is_group=false", async () => {
    let chatId = 0;
    const { sim, turnsAfter } = await start(
      { channels: { imessage: { groupPolicy: "open", groups: { "1": { requireMention: false } } } } },
      (db) => {
        chatId = db.dm(friend).id;
      },
    );
    sim.injectInbound({ from: friend, chat: chatId, text: "hi" });
    const [turn] = await turnsAfter(1);
    expect(turn?.sessionKey).toBe(`agent:main:imessage:group:${chatId}`);
  });

  it("lets an owner's command through the mention gate", async () => {
    const { sim, turnsAfter } = await start({
      channels: { imessage: { groupPolicy: "open" } },
      commands: { ownerAllowFrom: [friend] },
      messages: { groupChat: { mentionPatterns: ["@pinch"] } },
    });
    const chat = sim.group({ participants: [friend, other] });
    sim.injectInbound({ from: friend, chat, text: "/new" });
    sim.injectInbound({ from: friend, chat, text: "@pinch hello" });
    await turnsAfter(1);
    const sent = sim.sentMessages({ chatId: chat.id }).map((row) => row.text);
    expect(sent[0]).toBe("Started a new conversation.");
  });

  it("seeds a new DM session with dmHistoryLimit recent messages, oldest first", async () => {
    const { sim, turnsAfter } = await start(
      { channels: { imessage: { dmPolicy: "open", allowFrom: ["*"], dmHistoryLimit: 2 } } },
      (db) => {
        const at = Date.now() - 60_000;
        for (const [index, text] of ["one", "two", "three"].entries()) {
          db.injectInbound({ from: friend, text, date: new Date(at + index * 1000) });
        }
      },
    );
    sim.injectInbound({ from: friend, text: "four" });
    const [turn] = await turnsAfter(1);
    expect(turn?.context.map((entry) => entry.text)).toEqual(["two", "three"]);
  });

  it("admits a sender through a chat_id allowlist entry", async () => {
    let chatId = 0;
    const { sim, turnsAfter } = await start(
      { channels: { imessage: { dmPolicy: "allowlist", allowFrom: ["chat_id:1"] } } },
      (db) => {
        chatId = db.dm(other).id;
      },
    );
    sim.injectInbound({ from: other, chat: chatId, text: "via chat id" });
    expect((await turnsAfter(1))[0]?.text).toBe("via chat id");
  });
});
