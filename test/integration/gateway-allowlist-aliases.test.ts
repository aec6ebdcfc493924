import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { SimDb } from "../imsg-sim/sim-db.ts";
import { type GatewayHarness, PINCH_BIN, settle, startGateway } from "./gateway-harness.ts";

let gateway: GatewayHarness | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

const friend = "+15555550123";
const stranger = "+15555550999";

describe("pinch gateway: the reference's chat aliases in allowlists", () => {
  it("a chatid: entry in allowFrom admits that chat, and a nonsense entry is warned about at start", async () => {
    const sim = SimDb.create();
    const chat = sim.dm(friend);
    gateway = await startGateway({
      sim,
      imessage: { dmPolicy: "allowlist", allowFrom: [`ChatID:${chat.id}`, "Mom"] },
    });
    await gateway.waitForLog(
      /channels\.imessage\.allowFrom\[1\]: admits no one: \\?"Mom\\?" is not a phone number/,
    );
    expect(gateway.logs()).not.toMatch(/allowFrom\[0\]/);

    gateway.sim.injectInbound({ from: stranger, text: "let me in" });
    gateway.sim.injectInbound({ from: friend, chat, text: "hello" });
    const [reply] = await gateway.waitForSent(1);
    expect(reply).toMatchObject({ chatId: chat.id, text: "echo: hello" });
    await settle();
    expect(gateway.sent().map((row) => row.text)).toEqual(["echo: hello"]);
  });

  it("a guid: entry in groupAllowFrom admits everyone in that group and no other group", async () => {
    const sim = SimDb.create();
    const crew = sim.group({ participants: [friend, stranger], displayName: "Crew" });
    const others = sim.group({ participants: [friend, stranger], displayName: "Others" });
    gateway = await startGateway({
      sim,
      imessage: {
        groupPolicy: "allowlist",
        groupAllowFrom: [`GUID:${crew.guid}`],
        groups: { "*": { requireMention: false } },
      },
    });
    gateway.sim.injectInbound({ from: stranger, chat: others, text: "over here" });
    gateway.sim.injectInbound({ from: stranger, chat: crew, text: "anyone around?" });
    const [reply] = await gateway.waitForSent(1);
    expect(reply).toMatchObject({ chatId: crew.id, text: "echo: anyone around?" });
    await settle();
    expect(gateway.sent()).toHaveLength(1);
    expect(gateway.logs()).not.toMatch(/admits no one/);
  });

  it("pinch send reads a chat: target like chat_id:", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "allowlist", allowFrom: [friend] } });
    const chat = gateway.sim.group({ participants: [friend, stranger], displayName: "Crew" });
    const result = spawnSync(
      process.execPath,
      [PINCH_BIN, "send", `Chat:${chat.id}`, "dinner at 8", "--config", gateway.configPath],
      { encoding: "utf8" },
    );
    expect(result.stdout + result.stderr).toContain("Sent");
    expect(result.status).toBe(0);
    expect(gateway.sent({ chatId: chat.id }).map((row) => row.text)).toEqual(["dinner at 8"]);
  });
});
