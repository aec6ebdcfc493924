import { FakeLlmServer } from "../fake-llm/fake-llm-server.ts";
import { providerConfig } from "../fake-llm/model-gateway.ts";
import { expect, test } from "./fixtures.ts";

test.describe("with a model whose provider fails", () => {
  test.use({ coreSetup: { imessage: { dmPolicy: "open", allowFrom: ["*"] } } });

  test("the pill says the model fails and names it; Status in the sidebar carries a mark", async ({
    page,
    core,
  }) => {
    // The model side loads on first use, which a busy machine makes slow.
    test.slow();
    const pill = page.getByTestId("status-pill");
    await expect(pill).toHaveText("Running");
    await expect(page.getByTestId("status-mark")).toHaveCount(0);
    const fake = await FakeLlmServer.start();
    try {
      fake.script({ kind: "error", status: 401, message: "Incorrect API key provided" });
      const reloads = await core.logCount("config reloaded");
      const model = providerConfig({ baseUrl: fake.baseUrl, api: "openai-completions", apiKey: "sk-wrong" });
      const saved = await core.service.invoke("config.patch", {
        edits: [
          { keyPath: "models", value: model.models },
          { keyPath: "agents.defaults", value: model.agents.defaults },
        ],
      });
      expect(saved.ok).toBe(true);
      await core.waitForLog("config reloaded", reloads);
      await expect(page.getByRole("region", { name: "Model" })).toContainText("fake/test-model");
      const since = core.sim.maxRowid();
      const { chatId } = core.sim.injectInbound({ from: "+15555550123", text: "hello?" });
      await core.waitForSent(chatId, (text) => text.length > 0, since, 60_000);

      await expect(pill).toHaveText("Model failing — replies get an apology");
      await expect(pill).toHaveAttribute("data-tone", "problem");
      await expect(page.getByRole("region", { name: "Model" })).toContainText(/last failed just now/);
      await expect(page.getByRole("button", { name: /^Status\W+Model failing/ })).toBeVisible();
    } finally {
      await fake.close();
    }
  });
});

test("paused replies turn the pill, and Resume in the window resumes them", async ({ page, core }) => {
  const pill = page.getByTestId("status-pill");
  await expect(pill).toHaveText("Running");
  // As the menu bar's "Pause replies" does: the preference changes outside the window.
  core.host.setPrefs({ pauseReplies: true });
  await expect(pill).toHaveText("Replies paused");
  await expect(page.getByTestId("status-mark")).toBeVisible();
  await page.getByRole("button", { name: "Resume replies" }).click();
  await expect(pill).toHaveText("Running");
  expect(core.host.getPrefs().pauseReplies).toBe(false);
  await expect(page.getByRole("button", { name: "Resume replies" })).toHaveCount(0);
});

test.describe("with DM pairing", () => {
  test.use({ coreSetup: { imessage: { dmPolicy: "pairing" } } });

  test("waiting requests are counted on the pill and on Pairing in the sidebar", async ({ page, core }) => {
    await expect(page.getByTestId("pairing-badge")).toHaveCount(0);
    core.sim.injectInbound({ from: "+15555550901", text: "hi" });
    core.sim.injectInbound({ from: "+15555550902", text: "hello" });
    const pill = page.getByTestId("status-pill");
    await expect(pill).toHaveText("2 waiting for approval");
    await expect(page.getByTestId("pairing-badge")).toHaveText("2 waiting for approval");
    await expect(page.getByRole("button", { name: "Pairing 2 waiting for approval" })).toBeVisible();
    // Status itself has nothing wrong: no mark there.
    await expect(page.getByTestId("status-mark")).toHaveCount(0);

    await page.getByRole("button", { name: "Review" }).click();
    await page.getByRole("button", { name: "Dismiss +15555550901" }).click();
    await expect(page.getByTestId("pairing-badge")).toHaveText("1 waiting for approval");
  });
});
