import { readFileSync, writeFileSync } from "node:fs";
import JSON5 from "json5";
import { afterEach, describe, expect, it } from "vitest";
import { type GatewayHarness, settle, startGateway } from "./gateway-harness.ts";

let gateway: GatewayHarness | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

const owner = "+15555550100";
const friend = "+15555550123";

describe("pinch gateway: configuration", () => {
  it("applies an edited allowFrom live, without a restart", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "allowlist", allowFrom: [owner] } });
    gateway.editConfig((config) => {
      config.channels.imessage.allowFrom = [owner, friend];
    });
    await gateway.waitForLog(/config reloaded/);
    gateway.sim.injectInbound({ from: friend, text: "let in?" });
    expect((await gateway.waitForSent(1))[0]?.text).toBe("echo: let in?");
    expect(gateway.logs().match(/imsg connected/g)).toHaveLength(1);
  });

  it("keeps running the last valid config when the file turns invalid", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "allowlist", allowFrom: [friend] } });
    writeFileSync(gateway.configPath, "{ channels: { imessage: { dmPolicy: 'sometimes' } } }");
    await gateway.waitForLog(/config change refused.*dmPolicy/);
    gateway.sim.injectInbound({ from: friend, text: "still answering?" });
    expect((await gateway.waitForSent(1))[0]?.text).toBe("echo: still answering?");
  });

  it("lets the owner change a setting from chat and applies it at once", async () => {
    gateway = await startGateway({
      imessage: { dmPolicy: "allowlist", allowFrom: [owner, friend] },
      extra: { commands: { config: true, ownerAllowFrom: [owner] } },
    });
    gateway.sim.injectInbound({ from: owner, text: "/config set messages.responsePrefix 🦞" });
    expect((await gateway.waitForSent(1))[0]?.text).toBe("Set messages.responsePrefix.");
    expect(JSON5.parse(readFileSync(gateway.configPath, "utf8")).messages.responsePrefix).toBe("🦞");
    gateway.sim.injectInbound({ from: friend, text: "hi" });
    expect((await gateway.waitForSent(2))[1]?.text).toBe("🦞 echo: hi");
  });

  it("refuses /config from someone who is not an owner, and an invalid value", async () => {
    gateway = await startGateway({
      imessage: { dmPolicy: "allowlist", allowFrom: [owner, friend] },
      extra: { commands: { config: true, ownerAllowFrom: [owner] } },
    });
    gateway.sim.injectInbound({ from: friend, text: "/config set channels.imessage.dmPolicy open" });
    expect((await gateway.waitForSent(1))[0]?.text).toBe("Only the owner can change settings from chat.");
    gateway.sim.injectInbound({ from: owner, text: "/config set channels.imessage.textChunkLimit big" });
    expect((await gateway.waitForSent(2))[1]?.text).toMatch(/^Not changed: .*textChunkLimit/);
  });

  it("refuses /config when configWrites is off", async () => {
    gateway = await startGateway({
      imessage: { dmPolicy: "allowlist", allowFrom: [owner], configWrites: false },
      extra: { commands: { config: true, ownerAllowFrom: [owner] } },
    });
    gateway.sim.injectInbound({ from: owner, text: "/config set messages.responsePrefix x" });
    expect((await gateway.waitForSent(1))[0]?.text).toMatch(/turned off/);
  });

  it("starts a fresh conversation on /new", async () => {
    gateway = await startGateway({ imessage: { dmPolicy: "allowlist", allowFrom: [friend] } });
    gateway.sim.injectInbound({ from: friend, text: "/new" });
    expect((await gateway.waitForSent(1))[0]?.text).toBe("Started a new conversation.");
    await settle(100);
  });
});
