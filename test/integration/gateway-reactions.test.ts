/**
 * Tapbacks as context (`reactionNotifications`), through a real gateway and
 * the simulator: a reaction becomes a note in the conversation, never a turn
 * and never a pairing code. The agent records what it is handed.
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
import { settle, waitFor } from "./gateway-harness.ts";

const friend = "+15555550123";
const stranger = "+15555550999";

let running: { gateway: Gateway; sim: SimDb } | undefined;
afterEach(async () => {
  await running?.gateway.stop();
  running?.sim.close();
  running = undefined;
});

async function start(imessage: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), "pinch-reactions-"));
  const sim = SimDb.create({ path: join(dir, "chat.db") });
  const turns: AgentTurn[] = [];
  const notes: { sessionKey: string; text: string }[] = [];
  const agent: Agent = {
    async reply(turn) {
      turns.push(turn);
      return { text: `noted: ${turn.text}` };
    },
    async note(sessionKey, text) {
      notes.push({ sessionKey, text });
    },
    async resetSession() {},
  };
  writeFileSync(
    join(dir, "pinch.json5"),
    JSON.stringify({
      channels: {
        imessage: {
          cliPath: imsgShimPath(),
          dbPath: sim.path,
          dmPolicy: "pairing",
          allowFrom: [friend],
          ...imessage,
        },
      },
      session: { dmScope: "per-channel-peer" },
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
  /** The friend writes, and the assistant's reply lands: its row, for tapbacks to target. */
  const answered = async (text: string) => {
    const since = sim.maxRowid();
    sim.injectInbound({ from: friend, text });
    await waitFor(
      () => sim.sentMessages({ sinceRowid: since }).length > 0,
      10_000,
      () => "no reply",
    );
    return sim.sentMessages({ sinceRowid: since })[0] as { guid: string; rowid: number };
  };
  return { sim, turns, notes, answered };
}

describe("reactions as context", () => {
  it("a tapback on the assistant's reply becomes a note in that conversation, not a turn", async () => {
    const { sim, turns, notes, answered } = await start({});
    const reply = await answered("lunch at 1?");
    const since = sim.maxRowid();
    sim.injectReaction({ from: friend, targetGuid: reply.guid, kind: "love" });
    await waitFor(
      () => notes.length > 0,
      10_000,
      () => "no note",
    );
    expect(notes).toEqual([
      {
        sessionKey: `agent:main:imessage:direct:${friend}`,
        text: `(${friend} reacted ❤️ to your message "noted: lunch at 1?")`,
      },
    ]);
    await settle();
    expect(turns).toHaveLength(1);
    expect(sim.sentMessages({ sinceRowid: since })).toEqual([]);
  });

  it("with own, a tapback on someone else's message is not noted", async () => {
    const { sim, notes, answered } = await start({});
    await answered("hello");
    const theirs = sim.injectInbound({ from: friend, text: "look at this" });
    sim.injectReaction({ from: friend, targetGuid: theirs.guid, kind: "like" });
    await settle(800);
    expect(notes).toEqual([]);
  });

  it("a stranger's tapback gets no pairing code and no note", async () => {
    const { sim, notes, answered } = await start({ reactionNotifications: "all" });
    const reply = await answered("hi");
    const since = sim.maxRowid();
    sim.injectReaction({ from: stranger, targetGuid: reply.guid, kind: "laugh" });
    await settle(800);
    expect(notes).toEqual([]);
    expect(sim.sentMessages({ sinceRowid: since })).toEqual([]);
  });

  it("with reactionNotifications off, nothing is noted", async () => {
    const { sim, notes, answered } = await start({ reactionNotifications: "off" });
    const reply = await answered("hi");
    sim.injectReaction({ from: friend, targetGuid: reply.guid, kind: "love" });
    await settle(800);
    expect(notes).toEqual([]);
  });
});
