import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import JSON5 from "json5";
import { FakeLlmServer } from "../fake-llm/fake-llm-server.ts";
import { expect, test } from "./fixtures.ts";

const owner = "+15555550123";

// Each test starts a core and a provider and waits on real model calls; a busy machine needs the room.
test.describe.configure({ timeout: 90_000 });

/** A loopback port nobody listens on: taken from the OS, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

async function openModelSettings(page: import("@playwright/test").Page) {
  await page.getByRole("button", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Model" })).toBeVisible();
}

test.describe("a model server where nothing listens", () => {
  test.use({
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
    coreSetup: async ({}, use) => {
      const port = await closedPort();
      await use({
        extra: {
          models: {
            providers: { custom: { baseUrl: `http://127.0.0.1:${port}/v1`, api: "openai-completions" } },
          },
          agents: { defaults: { model: "custom/tiny" } },
        },
      });
    },
  });

  test("the model test says nothing answered there, with the raw error under Details", async ({
    page,
    core,
  }) => {
    const port = new URL(JSON.stringify(core.readConfig()).match(/http:\/\/127\.0\.0\.1:\d+/)?.[0] ?? "")
      .port;
    await openModelSettings(page);
    await page.getByRole("button", { name: "Test", exact: true }).click();
    const note = page.getByRole("alert").filter({ hasText: `Nothing answered at 127.0.0.1:${port}.` });
    await expect(note).toBeVisible();
    await expect(note.getByText(/ECONNREFUSED/)).toBeHidden();
    await note.getByText("Details").click();
    await expect(note.getByText(/ECONNREFUSED/)).toBeVisible();
    await expect(note.getByRole("button", { name: "Try again" })).toBeVisible();
  });
});

test("a refused key says so with Change key, and a new key saved there answers", async ({ page, core }) => {
  let refuse = true;
  const provider = await FakeLlmServer.start(() =>
    refuse
      ? { kind: "error", status: 401, message: "invalid x-api-key" }
      : { kind: "reply", text: "Hi from the new key" },
  );
  try {
    await openModelSettings(page);
    await page.getByLabel("Provider", { exact: true }).selectOption("custom");
    await page.getByRole("textbox", { name: "Model", exact: true }).fill("tiny");
    await page.getByRole("textbox", { name: "Server address" }).fill(provider.baseUrl);
    await page.getByLabel(/^API key/).fill("not-a-real-old-key");
    await page.getByRole("button", { name: "Save model" }).click();
    await expect(page.getByText("Saved: the assistant answers with custom/tiny.")).toBeVisible();
    await expect(page.getByText("Saved in the keychain.")).toBeVisible();
    expect(readFileSync(core.configPath, "utf8")).not.toContain("not-a-real-old-key");

    await page.getByRole("button", { name: "Test", exact: true }).click();
    const note = page
      .getByRole("alert")
      .filter({ hasText: "The key was refused by the server. Paste a new key." });
    await expect(note).toBeVisible();
    await note.getByRole("button", { name: "Change key" }).click();
    const newKey = page.getByLabel("New API key");
    await expect(newKey).toBeFocused();
    await newKey.fill("not-a-real-new-key");
    refuse = false;
    await page.getByRole("button", { name: "Save model" }).click();
    await expect(page.getByText("Saved in the keychain.")).toBeVisible();
    await page.getByRole("button", { name: "Test", exact: true }).click();
    await expect(page.getByText("“Hi from the new key”")).toBeVisible();
    expect(provider.requests.at(-1)?.headers.authorization).toBe("Bearer not-a-real-new-key");
  } finally {
    await provider.close();
  }
});

test.describe("a slow model", () => {
  test.use({
    coreSetup: {
      extra: {
        models: { providers: { custom: { baseUrl: "http://127.0.0.1:1/v1", api: "openai-completions" } } },
        agents: { defaults: { model: "custom/slow" } },
      },
    },
  });

  test("a model test that is taking long can be cancelled, and a new one runs", async ({ page, core }) => {
    const provider = await FakeLlmServer.start(() => ({ kind: "hang" }));
    try {
      await openModelSettings(page);
      await page.getByRole("textbox", { name: "Server address" }).fill(provider.baseUrl);
      await page.getByRole("button", { name: "Save model" }).click();
      await expect.poll(() => JSON.stringify(core.readConfig())).toContain(provider.baseUrl);
      await page.getByRole("button", { name: "Test", exact: true }).click();
      await expect(
        page.getByText(/Asking the model to say hello… \d+ s \(Pinch stops waiting after 20 s\)/),
      ).toBeVisible();
      await expect.poll(() => provider.requests.length).toBe(1);
      await page.getByRole("button", { name: "Cancel" }).click();
      await expect(page.getByText("Test cancelled.")).toBeVisible();
      await expect(page.getByRole("button", { name: "Test", exact: true })).toBeEnabled();
      provider.respondWith(() => ({ kind: "reply", text: "Sorry, I was slow" }));
      await page.getByRole("button", { name: "Test", exact: true }).click();
      await expect(page.getByText("“Sorry, I was slow”")).toBeVisible();
    } finally {
      await provider.close();
    }
  });
});

test.describe("a config with more than the model in it", () => {
  test.use({
    coreSetup: {
      imessage: { dmPolicy: "allowlist", allowFrom: [owner], textChunkLimit: 1200 },
      extra: {
        messages: { responsePrefix: "[bot]" },
        session: { dmScope: "per-channel-peer" },
        commands: { ownerAllowFrom: [owner] },
        models: {
          providers: { ollama: { baseUrl: "http://127.0.0.1:11434/v1", api: "openai-completions" } },
        },
        agents: { defaults: { model: "ollama/llama3.2", timeoutSeconds: 45 } },
      },
    },
  });

  test("the Model section changes provider, model, key and fallbacks and leaves every other key as it was", async ({
    page,
    core,
  }) => {
    const before = core.readConfig() as Record<string, Record<string, unknown>>;
    await openModelSettings(page);
    await expect(page.getByLabel("Provider", { exact: true })).toHaveValue("ollama");
    await expect(page.getByRole("textbox", { name: "Model", exact: true })).toHaveValue("llama3.2");

    await page.getByLabel("Provider", { exact: true }).selectOption("anthropic");
    await page.getByRole("textbox", { name: "Model", exact: true }).fill("claude-sonnet-4-5");
    await page.getByLabel(/^API key/).fill("not-a-real-anthropic-key");
    await page.getByRole("button", { name: "Save model" }).click();
    await expect(
      page.getByText("Saved: the assistant answers with anthropic/claude-sonnet-4-5."),
    ).toBeVisible();

    await page.getByLabel("Fallback provider").selectOption("ollama");
    await page.getByRole("textbox", { name: "Fallback model" }).fill("llama3.2");
    await page.getByRole("button", { name: "Add fallback" }).click();
    await expect(page.getByText("ollama/llama3.2", { exact: true })).toBeVisible();
    await page.getByLabel("Fallback provider").selectOption("openai");
    await page.getByRole("textbox", { name: "Fallback model" }).fill("gpt-5-mini");
    await page.getByRole("button", { name: "Add fallback" }).click();
    await expect(page.getByText("openai/gpt-5-mini", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Move openai/gpt-5-mini up" }).click();
    await expect
      .poll(() => (core.readConfig() as typeof before).agents)
      .toEqual({
        defaults: {
          model: {
            primary: "anthropic/claude-sonnet-4-5",
            fallbacks: ["openai/gpt-5-mini", "ollama/llama3.2"],
          },
          timeoutSeconds: 45,
        },
      });
    await page.getByRole("button", { name: "Remove ollama/llama3.2" }).click();
    await expect
      .poll(() => (core.readConfig() as typeof before).agents?.defaults)
      .toMatchObject({ model: { fallbacks: ["openai/gpt-5-mini"] } });

    const after = core.readConfig() as typeof before;
    expect(after.models).toEqual({
      providers: {
        ollama: before.models?.providers && (before.models.providers as Record<string, unknown>).ollama,
        anthropic: { apiKey: "keychain:anthropic-api-key" },
      },
    });
    for (const key of Object.keys(before).filter((name) => name !== "models" && name !== "agents")) {
      expect(JSON.stringify(after[key]), key).toBe(JSON.stringify(before[key]));
    }
    expect(readFileSync(core.configPath, "utf8")).not.toContain("not-a-real-anthropic-key");
    expect(await core.host.secrets?.resolve("keychain:anthropic-api-key")).toBe("not-a-real-anthropic-key");
  });

  test("/config from chats is off until the owner turns it on in Settings", async ({ page, core }) => {
    await page.getByRole("button", { name: "Settings" }).click();
    const toggle = page.getByRole("switch", { name: "Change Pinch's settings by text message" });
    await expect(toggle).not.toBeChecked();
    const refused = core.sim.injectInbound({ from: owner, text: "/config show" });
    await core.waitForSent(refused.chatId, (text) => /Settings from chat are turned off/.test(text));

    const reloads = await core.logCount("config reloaded");
    await toggle.click();
    await expect
      .poll(() => JSON5.parse(readFileSync(core.configPath, "utf8")).commands)
      .toEqual({
        ownerAllowFrom: [owner],
        config: true,
      });
    await core.waitForLog("config reloaded", reloads);
    const since = core.sim.sentMessages({ chatId: refused.chatId }).at(-1)?.rowid ?? 0;
    core.sim.injectInbound({ from: owner, text: "/config show" });
    const shown = await core.waitForSent(refused.chatId, (text) => !/turned off/.test(text), since);
    expect(shown).toContain("responsePrefix");
  });
});
