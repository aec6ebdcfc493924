import type { Page } from "@playwright/test";
import { SETUP_MODEL_NOTICE } from "../../app/agent/setup-notice-agent.ts";
import { expect, test } from "./fixtures.ts";

// Each test walks the permission steps against the real core first; a busy machine makes that slow.
test.describe.configure({ timeout: 120_000 });

const owner = "+15555550123";
const ownerEmail = "owner@example.com";
const stranger = "+15555550777";

test.describe("the test message step", () => {
  test.use({
    coreSetup: {
      firstRunDone: false,
      automation: "granted",
      imessage: { dmPolicy: "allowlist", allowFrom: [owner] },
      extra: { commands: { ownerAllowFrom: [owner] } },
    },
  });

  /** Through the steps the config already answers, to the test message. */
  async function openTestStep(page: Page) {
    const title = page.getByRole("heading", { level: 1 });
    await page.getByRole("button", { name: "Get started" }).click();
    await page.getByRole("button", { name: "I understand" }).click({ timeout: 60_000 });
    await expect(page.getByRole("textbox", { name: "Your own phone number or email" })).toHaveValue(owner);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(title).toHaveText("Group chats");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(title).toHaveText("Choose the model");
    await page.getByRole("button", { name: "Skip for now" }).click();
    await expect(title).toHaveText("Send yourself a test message");
  }

  test("a message from a handle not on the list is named, Add it lists it, and the next one is answered", async ({
    page,
    core,
  }) => {
    // An earlier conversation: Messages recorded the address this Mac receives at.
    const earlier = core.sim.injectInbound({ from: owner, text: "earlier" });
    await core.waitForSent(earlier.chatId, (text) => text === "echo: earlier");
    await openTestStep(page);
    await expect(page.getByRole("main")).toContainText(
      `send a message such as “hello” to ${core.sim.ownAddress}`,
    );

    core.sim.injectInbound({ from: ownerEmail, text: "hello" });
    const notice = page.getByText(`A message came from ${ownerEmail}, which is not on your list`);
    await expect(notice).toBeVisible({ timeout: 15_000 });
    await page.getByRole("button", { name: "Add it" }).click();
    await expect(page.getByText(`Added ${ownerEmail}.`)).toBeVisible();
    expect(core.readConfig()).toMatchObject({ channels: { imessage: { allowFrom: [owner, ownerEmail] } } });

    const again = core.sim.injectInbound({ from: ownerEmail, text: "hello again" });
    await core.waitForSent(again.chatId, (text) => text === "echo: hello again");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pinch is ready");
  });

  test("after half a minute without an answer it lists what to check, with Check again and Skip", async ({
    page,
  }) => {
    await openTestStep(page);
    await expect(page.getByRole("main")).toContainText("to your own phone number or Apple ID email");
    const hint = page.getByText("No answer yet. Things to check:");
    await expect(hint).toBeVisible({ timeout: 45_000 });
    await expect(page.getByText("is on your list (Who it answers)")).toBeVisible();
    await page.getByRole("button", { name: "Check again" }).click();
    await expect(hint).toBeHidden();
    await page.getByRole("button", { name: "Skip" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pinch is ready");
  });

  test("Done says that without a model only the owner is answered, and offers to start at login", async ({
    page,
    core,
  }) => {
    await openTestStep(page);
    await page.getByRole("button", { name: "Skip" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pinch is ready");
    await expect(page.getByRole("main")).toContainText(
      "No model is set up yet, so the assistant answers nobody but you",
    );
    const login = page.getByRole("checkbox", { name: "Start Pinch when I log in" });
    await expect(login).not.toBeChecked();
    await login.check();
    await expect.poll(() => core.host.getPrefs().startAtLogin).toBe(true);
    await expect(login).toBeChecked();
  });
});

test.describe("without a model", () => {
  test.use({
    coreSetup: {
      echo: false,
      imessage: { dmPolicy: "open", allowFrom: ["*"] },
      extra: { commands: { ownerAllowFrom: [owner] } },
    },
  });

  test("only the owner is answered, with a note to set up a model", async ({ page, core }) => {
    const fromStranger = core.sim.injectInbound({ from: stranger, text: "hi there" });
    const fromOwner = core.sim.injectInbound({ from: owner, text: "hello" });
    await core.waitForSent(fromOwner.chatId, (text) => text === SETUP_MODEL_NOTICE);
    // The stranger's row was read with the owner's; give its (empty) turn time to finish.
    await page.waitForTimeout(1_000);
    expect(core.sentTo(fromStranger.chatId, 0)).toEqual([]);
  });
});
