import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures.ts";

const owner = "+15555550123";

// Each test walks the permission steps against the real core first; a busy machine makes that slow.
test.describe.configure({ timeout: 120_000 });

// A finished setup with answers the wizard would not pick by itself: approval by pairing, every
// group without mentions, conversations kept in one session, a model on a custom server.
test.use({
  coreSetup: {
    automation: "granted",
    imessage: {
      dmPolicy: "pairing",
      allowFrom: [owner],
      groupPolicy: "open",
      groups: { "*": { requireMention: false } },
    },
    extra: {
      commands: { ownerAllowFrom: [owner] },
      session: { dmScope: "main" },
      models: { providers: { custom: { baseUrl: "http://127.0.0.1:9/v1", api: "openai-completions" } } },
      agents: { defaults: { model: "custom/fake-model" } },
    },
  },
});

test("Run setup again starts from the saved answers and, clicked through unchanged, leaves the config as it was", async ({
  page,
  core,
}) => {
  const before = readFileSync(core.configPath, "utf8");
  const title = page.getByRole("heading", { level: 1 });
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Run setup again" }).click();
  await page.getByRole("button", { name: "Get started" }).click();
  await page.getByRole("button", { name: "I understand" }).click({ timeout: 60_000 });

  await expect(title).toHaveText("Who should the assistant answer?");
  await expect(page.getByRole("radio", { name: /People on my list, and people I approve/ })).toBeChecked();
  const number = page.getByRole("textbox", { name: "Your own phone number or email" });
  await expect(number).toHaveValue(owner);
  // The same number typed the way a person writes it: saved as it was, nothing added beside it.
  await number.fill("(555) 555-0123");
  await expect(page.getByText(`Saved as ${owner}`)).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(title).toHaveText("Group chats");
  await expect(page.getByRole("radio", { name: /Every group/ })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /only when someone mentions/ })).not.toBeChecked();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(title).toHaveText("Choose the model");
  await expect(page.getByLabel("Provider")).toHaveValue("custom");
  await expect(page.getByRole("textbox", { name: "Model" })).toHaveValue("fake-model");
  await page.getByRole("button", { name: "Keep this model" }).click();

  await expect(title).toHaveText("Send yourself a test message");
  await page.getByRole("button", { name: "Skip" }).click();
  await expect(title).toHaveText("Pinch is ready");
  await page.getByRole("button", { name: "Open Pinch" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Status" })).toBeVisible();
  expect(readFileSync(core.configPath, "utf8")).toBe(before);
});

test("Run setup again can be cancelled at any step, back to Settings, keeping what was not saved out of the config", async ({
  page,
  core,
}) => {
  const before = readFileSync(core.configPath, "utf8");
  const title = page.getByRole("heading", { level: 1 });
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Run setup again" }).click();
  await expect(title).toHaveText("Welcome to Pinch");
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();

  await page.getByRole("button", { name: "Run setup again" }).click();
  await page.getByRole("button", { name: "Get started" }).click();
  await page.getByRole("button", { name: "I understand" }).click({ timeout: 60_000 });
  await expect(title).toHaveText("Who should the assistant answer?");
  await page.getByRole("radio", { name: /Only people on my list/ }).check();
  await page.getByRole("textbox", { name: "Your own phone number or email" }).fill("+15555550999");
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  expect(readFileSync(core.configPath, "utf8")).toBe(before);
  expect(core.host.getPrefs().firstRunDone).toBe(true);
});
