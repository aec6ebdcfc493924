import { readFileSync, writeFileSync } from "node:fs";
import JSON5 from "json5";
import { afterEach, describe, expect, it } from "vitest";
import { editConfigFile } from "../../app/config/config-file.ts";
import { findEditProblem } from "../../app/services/window-edit-rules.ts";
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

  it("warns at start about a key it does not know, naming its key path", async () => {
    gateway = await startGateway({
      imessage: { dmPolicy: "allowlist", allowFrom: [friend], textChunkLimt: 1200 },
    });
    await gateway.waitForLog(/channels\.imessage\.textChunkLimt: unknown key; Pinch ignores it/);
    gateway.sim.injectInbound({ from: friend, text: "hi" });
    expect((await gateway.waitForSent(1))[0]?.text).toBe("echo: hi");
  });

  it("logs at start exactly the reference keys it ignores, and answers as usual", async () => {
    gateway = await startGateway({
      imessage: {
        dmPolicy: "allowlist",
        allowFrom: [friend],
        actions: { reactions: true },
        markdown: { tables: "off" },
      },
      extra: {
        bindings: [{ agentId: "main" }],
        commands: { useAccessGroups: false },
        session: { identityLinks: {} },
      },
    });
    gateway.sim.injectInbound({ from: friend, text: "hi" });
    expect((await gateway.waitForSent(1))[0]?.text).toBe("echo: hi");
    const ignored = [...gateway.logs().matchAll(/ignored: (\S+) \(not supported by Pinch\)/g)].map(
      (match) => match[1],
    );
    expect(ignored.sort()).toEqual([
      "bindings",
      "channels.imessage.actions",
      "channels.imessage.markdown",
      "commands.useAccessGroups",
      "session.identityLinks",
    ]);
    expect(gateway.logs()).not.toContain("unknown key");
  });

  it("refuses /config set of a key it does not know, and says so", async () => {
    gateway = await startGateway({
      imessage: { dmPolicy: "allowlist", allowFrom: [owner] },
      extra: { commands: { config: true, ownerAllowFrom: [owner] } },
    });
    const before = readFileSync(gateway.configPath, "utf8");
    gateway.sim.injectInbound({ from: owner, text: "/config set channels.imessage.textChunkLimt 1200" });
    expect((await gateway.waitForSent(1))[0]?.text).toMatch(
      /^Not changed: channels\.imessage\.textChunkLimt: unknown key/,
    );
    expect(readFileSync(gateway.configPath, "utf8")).toBe(before);
    // A key the reference has and Pinch leaves aside is named as such, not as a typo.
    gateway.sim.injectInbound({ from: owner, text: "/config set session.mainKey=work" });
    expect((await gateway.waitForSent(2))[1]?.text).toBe(
      "Not changed: session.mainKey: not supported by Pinch (it would be ignored), so nothing was saved",
    );
    expect(readFileSync(gateway.configPath, "utf8")).toBe(before);
  });

  it("refuses from chat every key that decides who may talk, what runs or where a key is sent", async () => {
    gateway = await startGateway({
      imessage: { dmPolicy: "allowlist", allowFrom: [owner] },
      extra: {
        commands: { config: true, ownerAllowFrom: [owner] },
        models: { providers: { openai: { apiKey: "env:OPENAI_API_KEY" } } },
      },
    });
    const before = readFileSync(gateway.configPath, "utf8");
    const attempts = [
      '/config set commands.ownerAllowFrom=["*"]',
      '/config set channels.imessage.allowFrom ["*"]',
      "/config set channels.imessage.dmPolicy open",
      "/config set channels.imessage.cliPath /tmp/not-imsg",
      "/config set models.providers.openai.baseUrl https://collector.example.com/v1",
      "/config set models.providers.openai.apiKey env:GITHUB_TOKEN",
      "/config unset commands.ownerAllowFrom",
      "/config set channels.imessage.accounts.extra.textChunkLimit 100",
    ];
    for (const text of attempts) gateway.sim.injectInbound({ from: owner, text });
    const replies = (await gateway.waitForSent(attempts.length)).map((row) => row.text);
    const refusal = "can only be changed in the Pinch window or the config file, not from chat";
    expect(replies).toEqual([
      `Not changed: commands.ownerAllowFrom: ${refusal}`,
      `Not changed: channels.imessage.allowFrom: ${refusal}`,
      `Not changed: channels.imessage.dmPolicy: ${refusal}`,
      `Not changed: channels.imessage.cliPath: ${refusal}`,
      `Not changed: models.providers.openai.baseUrl: ${refusal}`,
      `Not changed: models.providers.openai.apiKey: ${refusal}`,
      `Not changed: commands.ownerAllowFrom: ${refusal}`,
      "Not changed: channels.imessage.accounts.extra: does not exist; add it in the Pinch window or the config file first",
    ]);
    expect(readFileSync(gateway.configPath, "utf8")).toBe(before);
  });

  it("keeps a /config set from chat and the window's edits made at the same moment", async () => {
    gateway = await startGateway({
      imessage: { dmPolicy: "allowlist", allowFrom: [owner] },
      extra: { commands: { config: true, ownerAllowFrom: [owner] } },
    });
    gateway.sim.injectInbound({ from: owner, text: "/config set messages.responsePrefix 🦞" });
    // The window's edits, from this process, a few milliseconds apart until the chat's edit was answered, and a few more.
    const written: string[] = [];
    for (let after = 0; after < 5; after += gateway.sent().length > 0 ? 1 : 0) {
      if (written.length > 2_000) throw new Error("the chat's /config set was never answered");
      const chat = `chat-${written.length}`;
      const result = await editConfigFile(
        gateway.configPath,
        [{ kind: "set", keyPath: `channels.imessage.groups["${chat}"]`, value: { requireMention: true } }],
        { check: findEditProblem },
      );
      expect(result.ok).toBe(true);
      written.push(chat);
      await settle(2);
    }
    expect(gateway.sent()[0]?.text).toBe("Set messages.responsePrefix.");
    const config = JSON5.parse(readFileSync(gateway.configPath, "utf8"));
    expect(config.messages.responsePrefix).toBe("🦞");
    expect(Object.keys(config.channels.imessage.groups)).toEqual(written);
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
