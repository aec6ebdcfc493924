import { readFileSync, writeFileSync } from "node:fs";
import { IMESSAGE_DEFAULTS } from "../../app/config/resolve-accounts.ts";
import { expect, test } from "./fixtures.ts";

test("settings are saved through the core, and a refused value shows its error next to the field", async ({
  page,
  core,
}) => {
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByRole("textbox", { name: "Response prefix" }).fill("🦞");
  await page.getByRole("button", { name: "Save Response prefix" }).click();
  await expect.poll(() => core.readConfig()).toMatchObject({ messages: { responsePrefix: "🦞" } });

  await page.getByLabel("Split long replies").selectOption("newline");
  await expect
    .poll(() => core.readConfig())
    .toMatchObject({ channels: { imessage: { chunkMode: "newline" } } });

  await page.getByRole("switch", { name: "Pass attachments to the assistant" }).click();
  await expect
    .poll(() => core.readConfig())
    .toMatchObject({ channels: { imessage: { includeAttachments: true } } });

  const before = readFileSync(core.configPath, "utf8");
  const size = page.getByRole("textbox", { name: "Largest attachment (MB)" });
  await size.fill("-3");
  await page.getByRole("button", { name: "Save Largest attachment (MB)" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "expected more than 0" })).toBeVisible();
  await expect(size).toHaveAttribute("aria-invalid", "true");
  expect(readFileSync(core.configPath, "utf8")).toBe(before);
});

test("a change to the config shows in untouched fields and leaves a field being typed in alone", async ({
  page,
  core,
}) => {
  await page.getByRole("button", { name: "Settings" }).click();
  const prefix = page.getByRole("textbox", { name: "Response prefix" });
  const limit = page.getByRole("textbox", { name: "Longest message (characters)" });
  await prefix.fill("half-typ");
  const config = core.readConfig() as { messages?: object; channels: { imessage: object } };
  config.messages = { ...config.messages, responsePrefix: "[from file]" };
  config.channels.imessage = { ...config.channels.imessage, textChunkLimit: 1500 };
  writeFileSync(core.configPath, `${JSON.stringify(config, null, 2)}\n`);
  await expect(limit).toHaveValue("1500");
  await expect(prefix).toHaveValue("half-typ");
  await page.getByRole("button", { name: "Save Response prefix" }).click();
  await expect.poll(() => core.readConfig()).toMatchObject({ messages: { responsePrefix: "half-typ" } });
});

test("an unset setting shows the core's default", async ({ page }) => {
  await page.getByRole("button", { name: "Settings" }).click();
  const limit = page.getByRole("textbox", { name: "Longest message (characters)" });
  await expect(limit).toHaveAttribute("placeholder", String(IMESSAGE_DEFAULTS.textChunkLimit));
  await expect(page.getByText(`Default ${IMESSAGE_DEFAULTS.textChunkLimit}.`)).toBeVisible();
  await expect(
    page.getByRole("switch", { name: "Change Pinch's settings by text message" }),
  ).not.toBeChecked();
  await page.getByText("Advanced /config options").click();
  await expect(page.getByRole("switch", { name: "Allow changes by text, not only reading" })).toBeChecked({
    checked: IMESSAGE_DEFAULTS.configWrites,
  });
});

test.describe("a key Pinch does not know", () => {
  test.use({ coreSetup: { imessage: { textChunkLimt: 1200 } } });

  test("is shown with its key path as something Pinch skips", async ({ page }) => {
    await page.getByRole("button", { name: "Settings" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "channels.imessage.textChunkLimt: unknown key" }),
    ).toBeVisible();
  });
});

test("start at login and Open config file go through the host", async ({ page, core }) => {
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByRole("switch", { name: "Start at login" }).click();
  await expect(page.getByRole("switch", { name: "Start at login" })).toBeChecked();
  expect(core.host.getPrefs().startAtLogin).toBe(true);
  await page.getByRole("button", { name: "Open config file" }).click();
  await expect(page.getByText("Opened in your editor.")).toBeVisible();
  expect(core.host.opened).toContain(core.configPath);
});

test.describe("pausing replies", () => {
  test.use({ coreSetup: { imessage: { dmPolicy: "open", allowFrom: ["*"] } } });

  test("Pause replies leaves a message unanswered; after resuming the next one is answered", async ({
    page,
    core,
  }) => {
    await page.getByRole("button", { name: "Settings" }).click();
    const pause = page.getByRole("switch", { name: "Pause replies" });
    await pause.click();
    await expect(pause).toBeChecked();
    expect(core.host.getPrefs().pauseReplies).toBe(true);
    const since = core.sim.maxRowid();
    const quiet = core.sim.injectInbound({ from: "+15555550124", text: "anyone there?" });
    // An echo reply lands within a few hundred milliseconds; give it well over that.
    await page.waitForTimeout(1_500);
    expect(core.sentTo(quiet.chatId, since)).toEqual([]);

    await pause.click();
    await expect(pause).not.toBeChecked();
    const again = core.sim.injectInbound({ from: "+15555550124", text: "hello" });
    await core.waitForSent(again.chatId, (text) => text === "echo: hello", since);
    expect(core.sentTo(quiet.chatId, since)).toEqual(["echo: hello"]);
  });

  test("the notification and log switches are kept as the app's preferences", async ({ page, core }) => {
    await page.getByRole("button", { name: "Settings" }).click();
    await page.getByRole("switch", { name: "Notify me of pairing requests" }).click();
    await page.getByRole("switch", { name: "Include message text in logs" }).click();
    await expect(page.getByRole("switch", { name: "Include message text in logs" })).toBeChecked();
    expect(core.host.getPrefs()).toMatchObject({ pairingNotifications: false, verboseLogging: true });
  });
});
