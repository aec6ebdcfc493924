import { expect, test } from "./fixtures.ts";

// Each test walks the permission steps against the real core first; a busy machine makes that slow.
test.describe.configure({ timeout: 120_000 });

test.describe("the consent screen", () => {
  test.use({ coreSetup: { firstRunDone: false, automation: "granted" } });

  test("before choosing who it answers, the wizard says the assistant speaks as the user and where messages go", async ({
    page,
  }) => {
    const title = page.getByRole("heading", { level: 1 });
    await page.getByRole("button", { name: "Get started" }).click();
    await expect(title).toHaveText("The assistant answers as you", { timeout: 60_000 });
    const main = page.getByRole("main");
    await expect(main).toContainText("Replies go out from your own Apple ID");
    await expect(main).toContainText("gets a message with a pairing code, sent from your number");
    await expect(main).toContainText("is sent to the model provider you choose");
    await page.getByRole("button", { name: "I understand" }).click();
    await expect(title).toHaveText("Who should the assistant answer?");
  });

  test("choosing Everyone or Every group shows a warning at the choice", async ({ page }) => {
    const title = page.getByRole("heading", { level: 1 });
    await page.getByRole("button", { name: "Get started" }).click();
    await page.getByRole("button", { name: "I understand" }).click({ timeout: 60_000 });
    await expect(title).toHaveText("Who should the assistant answer?");
    const warning = page.getByRole("note");
    await expect(warning).toHaveCount(0);
    await page.getByRole("radio", { name: /Everyone/ }).check();
    await expect(warning).toContainText("Anyone who has your number or email can make the assistant answer");
    await page.getByRole("radio", { name: /Only people on my list/ }).check();
    await expect(warning).toHaveCount(0);
    await page.getByRole("textbox", { name: "Your own phone number or email" }).fill("+15555550123");
    await page.getByRole("button", { name: "Continue" }).click();

    await expect(title).toHaveText("Group chats");
    await expect(warning).toHaveCount(0);
    await page.getByRole("radio", { name: /Every group/ }).check();
    await expect(warning).toContainText("Anyone who adds you to a group can make the assistant answer there");
  });
});

test.describe("the Allowlists screen", () => {
  test.use({ coreSetup: { imessage: { dmPolicy: "open", allowFrom: ["*"] } } });

  test("warns at the Everyone choice there too", async ({ page }) => {
    await page.getByRole("button", { name: "Allowlists" }).click();
    await expect(page.getByRole("radio", { name: /Everyone/ }).first()).toBeChecked();
    await expect(page.getByRole("note").first()).toContainText("Anyone who has your number or email");
  });
});
