import { readFileSync } from "node:fs";
import { expect, screenshotPath, test } from "./fixtures.ts";

const friend = "+15555550123";

test.describe("accounts", () => {
  test.use({ coreSetup: { imessage: { dmPolicy: "allowlist", allowFrom: [friend], textChunkLimit: 2000 } } });

  test("adding a second account keeps the first; a setting shows as shared until it is set for the account", async ({
    page,
    core,
  }) => {
    await page.getByRole("button", { name: "Accounts" }).click();
    await expect(page.getByRole("region", { name: /default/ })).toBeVisible();

    await page.getByRole("textbox", { name: "Account id", exact: true }).fill("bot");
    await page.getByRole("textbox", { name: "Display name" }).fill("Bot Apple ID");
    const add = page.getByRole("region", { name: "Add an account" });
    await add.getByText("Advanced: Messages database and imsg program").click();
    await add.getByRole("textbox", { name: "Messages database", exact: true }).fill(`${core.sim.path}-bot`);
    await page.getByRole("button", { name: "Add account" }).click();

    const bot = page.getByRole("table", { name: "Settings of Bot Apple ID" });
    await expect(bot).toBeVisible();
    const chunk = bot.getByRole("row", { name: /Longest message/ });
    await expect(chunk).toContainText("Shared by all accounts");
    await page
      .getByRole("region", { name: /Bot Apple ID/ })
      .getByText("Advanced: Messages database and imsg program")
      .click();
    await expect(
      page.getByRole("table", { name: "Advanced settings of Bot Apple ID" }).getByRole("row", {
        name: /Messages database/,
      }),
    ).toContainText("Set for this account");
    expect(core.readConfig()).toMatchObject({
      channels: {
        imessage: { accounts: { default: {}, bot: { name: "Bot Apple ID" } }, textChunkLimit: 2000 },
      },
    });

    const label = "Longest message, in characters of Bot Apple ID";
    await bot.getByRole("button", { name: `Change ${label}` }).click();
    await bot.getByRole("textbox", { name: `New value for ${label}` }).fill("500");
    await bot.getByRole("button", { name: `Save ${label}` }).click();
    await expect(chunk).toContainText("Set for this account");
    await expect(chunk).toContainText("500");
    expect(core.readConfig()).toMatchObject({
      channels: { imessage: { accounts: { bot: { textChunkLimit: 500 } } } },
    });

    await bot.getByRole("button", { name: `Reset ${label}` }).click();
    await expect(chunk).toContainText("Shared by all accounts");
  });

  test("settings are in words: who can message is a choice, lists use the list editor, paths are under Advanced", async ({
    page,
    core,
  }) => {
    await page.getByRole("button", { name: "Accounts" }).click();
    const settings = page.getByRole("table", { name: "Settings of default" });
    for (const raw of ["dmPolicy", "cliPath", "dbPath", "allowFrom", '["']) {
      await expect(page.getByRole("main")).not.toContainText(raw);
    }
    const who = settings.getByRole("row", { name: /Who can message/ });
    await expect(who).toContainText("Only people on my list");
    await expect(page.getByRole("table", { name: "Advanced settings of default" })).toBeHidden();
    await page.screenshot({ path: screenshotPath("accounts-in-words"), fullPage: true });

    await settings.getByRole("button", { name: "Change Who can message of default" }).click();
    await settings
      .getByRole("combobox", { name: "New value for Who can message of default" })
      .selectOption({ label: "Everyone" });
    await settings.getByRole("button", { name: "Save Who can message of default" }).click();
    await expect(who).toContainText("Everyone");
    expect(core.readConfig()).toMatchObject({
      channels: { imessage: { dmPolicy: "open", allowFrom: [friend, "*"] } },
    });

    const list = page.getByRole("list", { name: "People who may message the assistant of default" });
    await expect(list.getByRole("listitem").filter({ hasText: friend })).toBeVisible();
    await page
      .getByRole("textbox", { name: "Add to People who may message the assistant of default" })
      .fill("(555) 555-0188");
    await page
      .getByRole("button", { name: "Add to People who may message the assistant of default" })
      .click();
    await expect
      .poll(() => core.readConfig())
      .toMatchObject({ channels: { imessage: { allowFrom: [friend, "*", "+15555550188"] } } });
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
    const label = "Longest message, in characters of default";
    await settings.getByRole("button", { name: `Change ${label}` }).click();
    await settings.getByRole("textbox", { name: `New value for ${label}` }).fill("lots");
    await settings.getByRole("button", { name: `Save ${label}` }).click();
    await expect(settings.getByRole("alert")).toContainText("expected a number");
    await expect(
      settings.getByRole("textbox", { name: `New value for ${label}` }),
    ).toHaveAccessibleDescription(/expected a number/);
    expect(readFileSync(core.configPath, "utf8")).toBe(before);
  });

  test("the long shared-database error wraps under its field, which keeps its width", async ({
    page,
    core,
  }) => {
    await page.setViewportSize({ width: 900, height: 800 });
    await page.getByRole("button", { name: "Accounts" }).click();
    const add = page.getByRole("region", { name: "Add an account" });
    await add.getByRole("textbox", { name: "Account id", exact: true }).fill("bot");
    await add.getByText("Advanced: Messages database and imsg program").click();
    const database = add.getByRole("textbox", { name: "Messages database", exact: true });
    await database.fill(core.sim.path);
    const before = await database.boundingBox();
    await add.getByRole("button", { name: "Add account" }).click();

    const error = add.getByRole("alert");
    await expect(error).toBeVisible();
    await expect(database).toHaveAttribute("aria-invalid", "true");
    await expect(database).toHaveAccessibleDescription(/.{40,}/);
    const after = await database.boundingBox();
    const box = await error.boundingBox();
    if (!before || !after || !box) throw new Error("the field or its error has no box");
    expect(after.width).toBeCloseTo(before.width, 0);
    // Under the input, starting where it starts: the error never sits beside it.
    expect(box.y).toBeGreaterThanOrEqual(after.y + after.height - 1);
    expect(box.x).toBeCloseTo(after.x, 0);
    await add.screenshot({ path: screenshotPath("accounts-shared-database-error") });
  });
});
