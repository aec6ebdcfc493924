import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures.ts";

const friend = "+15555550123";

test.describe("accounts", () => {
  test.use({ coreSetup: { imessage: { dmPolicy: "allowlist", allowFrom: [friend], textChunkLimit: 2000 } } });

  test("adding a second account keeps the first; a setting shows as inherited until it is overridden", async ({
    page,
    core,
  }) => {
    await page.getByRole("button", { name: "Accounts" }).click();
    await expect(page.getByRole("region", { name: /default/ })).toBeVisible();

    await page.getByRole("textbox", { name: "Account id", exact: true }).fill("bot");
    await page.getByRole("textbox", { name: "Display name" }).fill("Bot Apple ID");
    await page.getByRole("textbox", { name: "Messages database", exact: true }).fill(`${core.sim.path}-bot`);
    await page.getByRole("button", { name: "Add account" }).click();

    const bot = page.getByRole("table", { name: "Settings of Bot Apple ID" });
    await expect(bot).toBeVisible();
    await expect(bot.getByRole("row", { name: /textChunkLimit/ })).toContainText("Inherits from default");
    await expect(bot.getByRole("row", { name: /dbPath/ })).toContainText("Overridden");
    expect(core.readConfig()).toMatchObject({
      channels: {
        imessage: { accounts: { default: {}, bot: { name: "Bot Apple ID" } }, textChunkLimit: 2000 },
      },
    });

    await bot.getByRole("button", { name: "Override textChunkLimit of Bot Apple ID" }).click();
    await bot.getByRole("textbox", { name: "New value for textChunkLimit of Bot Apple ID" }).fill("500");
    await bot.getByRole("button", { name: "Save textChunkLimit of Bot Apple ID" }).click();
    await expect(bot.getByRole("row", { name: /textChunkLimit/ })).toContainText("Overridden");
    await expect(bot.getByRole("row", { name: /textChunkLimit/ })).toContainText("500");
    expect(core.readConfig()).toMatchObject({
      channels: { imessage: { accounts: { bot: { textChunkLimit: 500 } } } },
    });

    await bot.getByRole("button", { name: "Reset textChunkLimit of Bot Apple ID" }).click();
    await expect(bot.getByRole("row", { name: /textChunkLimit/ })).toContainText("Inherits from default");
  });

  test("an account can be renamed and switched off", async ({ page, core }) => {
    await page.getByRole("button", { name: "Accounts" }).click();
    await page.getByRole("textbox", { name: "Name of default" }).fill("Personal");
    await page.getByRole("button", { name: "Rename default" }).click();
    await expect(page.getByRole("heading", { name: /Personal/ })).toBeVisible();
    await page.getByRole("switch", { name: "Enabled: Personal" }).click();
    await expect(page.getByRole("switch", { name: "Enabled: Personal" })).not.toBeChecked();
    expect(core.readConfig()).toMatchObject({ channels: { imessage: { name: "Personal", enabled: false } } });
    await page.getByRole("button", { name: "Status" }).click();
    await expect(page.getByRole("region", { name: "Accounts" }).getByRole("listitem").first()).toContainText(
      "Stopped",
    );
  });

  test("bad input is refused next to the field and nothing is saved", async ({ page, core }) => {
    await page.getByRole("button", { name: "Accounts" }).click();
    const before = readFileSync(core.configPath, "utf8");
    await page.getByRole("textbox", { name: "Account id", exact: true }).fill("my bot");
    await page.getByRole("button", { name: "Add account" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "use 1 to 40 letters" })).toBeVisible();

    const settings = page.getByRole("table", { name: "Settings of default" });
    await settings.getByRole("button", { name: "Override textChunkLimit of default" }).click();
    await settings.getByRole("textbox", { name: "New value for textChunkLimit of default" }).fill("lots");
    await settings.getByRole("button", { name: "Save textChunkLimit of default" }).click();
    await expect(settings.getByRole("alert")).toContainText("expected a number");
    expect(readFileSync(core.configPath, "utf8")).toBe(before);
  });
});
