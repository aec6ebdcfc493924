import { FakeLlmServer } from "../fake-llm/fake-llm-server.ts";
import { providerConfig } from "../fake-llm/model-gateway.ts";
import { expect, test } from "./fixtures.ts";
import { shootBothModes } from "./shoot.ts";

// About 1,500 tokens of instructions: past the 1,024 tokens a provider caches at least.
const systemPrompt = `You are a careful assistant. ${"Answer briefly and kindly. ".repeat(240)}`;

test.describe("with a model answering", () => {
  test.use({ coreSetup: { imessage: { dmPolicy: "open", allowFrom: ["*"] } } });

  test("Status shows the day's tokens with the cached share, and the price editor turns them into dollars", async ({
    page,
    core,
  }) => {
    const fake = await FakeLlmServer.start();
    try {
      const reloads = await core.logCount("config reloaded");
      const model = providerConfig({ baseUrl: fake.baseUrl, api: "openai-completions" });
      const saved = await core.service.invoke("config.patch", {
        edits: [
          { keyPath: "models", value: model.models },
          { keyPath: "agents.defaults", value: { ...model.agents.defaults, systemPrompt } },
        ],
      });
      expect(saved.ok).toBe(true);
      await core.waitForLog("config reloaded", reloads);
      for (const text of ["hello", "and again"]) {
        const since = core.sim.maxRowid();
        const { chatId } = core.sim.injectInbound({ from: "+15555550123", text });
        await core.waitForSent(chatId, (sent) => sent.length > 0, since);
      }
      const today = page.getByTestId("usage-today");
      await expect(today).toHaveText(/^[\d,]+ tokens today \([\d,]+ from cache\)$/);
      await expect(page.getByTestId("usage-month")).toContainText("no price for fake/test-model");

      await page.getByText("Prices", { exact: true }).click();
      const editor = page.locator(".price-editor");
      await editor.getByLabel("Model").fill("fake/test-model");
      await editor.getByLabel("Input", { exact: true }).fill("-1");
      await editor.getByLabel("Output").fill("lots");
      await editor.getByRole("button", { name: "Save price" }).click();
      await expect(editor.getByRole("alert").filter({ hasText: "Input:" })).toHaveText(
        "Input: a price cannot be negative.",
      );
      await expect(editor.getByRole("alert").filter({ hasText: "Output:" })).toHaveText(
        "Output: type a number of dollars, like 3 or 0.30.",
      );

      await editor.getByLabel("Input", { exact: true }).fill("1000");
      await editor.getByLabel("Output").fill("1000");
      await editor.getByRole("button", { name: "Save price" }).click();
      await expect(editor.getByText("Saved the price of fake/test-model.")).toBeVisible();
      const view = await core.service.invoke("config.get", {});
      if (!view.ok) throw new Error("the config view could not be read");
      expect((view.data as { raw: { models: { prices?: unknown } } }).raw.models.prices).toEqual({
        "fake/test-model": { input: 1000, output: 1000 },
      });
      // A new answer refreshes the line, now with a cost.
      const since = core.sim.maxRowid();
      const { chatId } = core.sim.injectInbound({ from: "+15555550123", text: "one more" });
      await core.waitForSent(chatId, (sent) => sent.length > 0, since);
      await expect(today).toHaveText(/^[\d,]+ tokens today \([\d,]+ from cache\) · about \$\d+\.\d\d$/);
      await page.locator(".usage-panel").scrollIntoViewIfNeeded();
      await shootBothModes(page, "status-usage");
    } finally {
      await fake.close();
    }
  });
});
