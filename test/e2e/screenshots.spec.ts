// A picture of every screen in light and dark mode, with the real core behind it, saved under
// test-output/screenshots/ (a few of them are in docs/images/ for the README).
import { type SshdHarness, sshdUnavailableReason, startSshd } from "../sshd/sshd-harness.ts";
import { expect, screenshotPath, test } from "./fixtures.ts";
import { chatWithModel } from "./reminder-setup.ts";
import { shootBothModes } from "./shoot.ts";
import { fillSshAccountForm } from "./ssh-form.ts";

const friend = "+15555550123";
const sshdUnavailable = sshdUnavailableReason();

test.use({
  coreSetup: {
    imessage: {
      dmPolicy: "pairing",
      allowFrom: [friend, "ana@example.com"],
      groupPolicy: "allowlist",
      accounts: { default: { name: "Personal" }, bot: { name: "Bot Apple ID", enabled: false } },
    },
    extra: { messages: { groupChat: { mentionPatterns: ["\\bpinch\\b"] } } },
  },
  viewport: { width: 900, height: 640 },
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`every screen in ${colorScheme} mode`, async ({ page, core }) => {
    test.setTimeout(60_000);
    await page.emulateMedia({ colorScheme });
    const crew = core.sim.group({ participants: [friend, "+15555550456"], displayName: "Climbing crew" });
    core.sim.injectInbound({ from: friend, chat: crew, text: "who's in for Saturday?" });
    core.sim.group({ participants: [friend, "ana@example.com"], displayName: "Book club" });
    core.sim.injectInbound({ from: "ana@example.com", chat: crew.id + 1, text: "chapter 3 tonight" });
    core.sim.injectInbound({ from: "+15555550999", text: "hi, is this Pinch?" });
    core.sim.injectInbound({ from: "sam@example.com", text: "hello" });
    // The turned-off bot account is no problem; the two strangers wait for approval.
    await expect(page.getByTestId("status-pill")).toHaveText("2 waiting for approval");
    await page.screenshot({ path: screenshotPath(`status-${colorScheme}`) });

    await page.getByRole("button", { name: "Pairing" }).click();
    await expect(page.getByRole("button", { name: "Approve sam@example.com", exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Approve sam@example.com", exact: true }).click();
    await expect(
      page.getByRole("list", { name: /People who can message the assistant/ }).first(),
    ).toContainText("sam@example.com");
    await page.screenshot({ path: screenshotPath(`pairing-${colorScheme}`) });

    await page.getByRole("button", { name: "Allowlists" }).click();
    await expect(page.getByRole("row", { name: /Climbing crew/ })).toBeVisible();
    await page
      .getByRole("textbox", { name: "Add to People who may message the assistant" })
      .fill("(555) 555-0188");
    await expect(page.getByText("Phone number, saved as +15555550188")).toBeVisible();
    await page.screenshot({ path: screenshotPath(`allowlists-${colorScheme}`) });
    await page.getByRole("table", { name: "Group chats" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath(`allowlists-groups-${colorScheme}`) });

    await page.getByRole("button", { name: "Accounts" }).click();
    await expect(page.getByRole("table", { name: "Settings of Bot Apple ID" })).toBeVisible();
    await page.screenshot({ path: screenshotPath(`accounts-${colorScheme}`) });

    await page.getByRole("button", { name: "Logs" }).click();
    await expect(page.getByRole("list", { name: "Log lines" }).getByRole("listitem").first()).toBeVisible();
    await page.screenshot({ path: screenshotPath(`logs-${colorScheme}`) });

    await page.getByRole("button", { name: "Settings" }).click();
    await expect(page.getByRole("textbox", { name: "Response prefix" })).toBeVisible();
    await page.screenshot({ path: screenshotPath(`settings-${colorScheme}`) });

    await page.getByRole("button", { name: "Run setup again" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Welcome to Pinch" })).toBeVisible();
    await page.screenshot({ path: screenshotPath(`wizard-welcome-${colorScheme}`) });
    await page.getByRole("button", { name: "Get started" }).click();
    await page.getByRole("button", { name: "I understand" }).click({ timeout: 15_000 });
    await expect(
      page.getByRole("heading", { level: 1, name: "Who should the assistant answer?" }),
    ).toBeVisible({ timeout: 15_000 });
    await page.screenshot({ path: screenshotPath(`wizard-who-${colorScheme}`) });
  });
}

// The Reminders section as the README shows it: what the owner set in the self-chat with a model
// (the fake provider calling the tools), one already sent, one message waiting for the owner's yes.
test("the Reminders section in light and dark mode", async ({ page, core }) => {
  test.setTimeout(120_000);
  const crew = core.sim.group({ participants: [friend, "+15555550456"], displayName: "Climbing crew" });
  core.sim.injectInbound({ from: friend, chat: crew, text: "who's in for Saturday?" });
  const model = await chatWithModel(core);
  try {
    await model.ask("remind me in a second to stretch", "remind", {
      text: "Stand up and stretch",
      when: "in 1 second",
    });
    await model.ask("remind me at 5 to call mum", "remind", { text: "Call mum", when: "in 3 hours" });
    await model.ask("tell the crew I'm in, tomorrow morning", "schedule_message", {
      chat: "Climbing crew",
      text: "Count me in for Saturday!",
      when: "tomorrow morning",
    });
    await model.ask("remind me to water the plants tomorrow evening", "remind", {
      text: "Water the plants",
      when: "tomorrow evening",
    });
  } finally {
    await model.close();
  }
  await page.getByRole("button", { name: "Reminders" }).click();
  await expect(page.getByRole("list", { name: "Sent" })).toContainText("Stand up and stretch");
  await expect(page.getByRole("list", { name: "Upcoming" })).toContainText("Water the plants");
  await shootBothModes(page, "reminders");
});

// The bot-user panel against the real sshd on loopback (test/sshd): the form filled in, the host key
// to confirm, then the refused login with its fix. The ladder stops there: installing the key, and the
// finished ladder, are ssh-account.spec.ts's.
test.describe("the SSH account panel", () => {
  test.skip(sshdUnavailable !== null, `needs sshd and root: ${sshdUnavailable}`);
  test.use({ coreSetup: {} });
  let sshd: SshdHarness | undefined;

  test.beforeAll(async () => {
    sshd = await startSshd();
  });

  test.afterAll(async () => {
    await sshd?.stop();
  });

  test("in light and dark mode, from the form to a step that needs the user", async ({ page }) => {
    if (!sshd) throw new Error("sshd did not start");
    const form = await fillSshAccountForm(page, sshd, friend);
    await form.scrollIntoViewIfNeeded();
    await shootBothModes(page, "accounts-ssh");

    await form.getByRole("button", { name: "Set up and check" }).click();
    const steps = page.getByRole("list", { name: "SSH setup steps" });
    const trust = steps.getByRole("button", { name: `Trust ${sshd.hostFingerprint()}` });
    await expect(trust).toBeVisible({ timeout: 30_000 });
    await trust.scrollIntoViewIfNeeded();
    await shootBothModes(page, "accounts-ssh-host-key");

    await trust.click();
    const install = steps.getByRole("button", { name: "Install the key for this user" });
    await expect(install).toBeVisible({ timeout: 30_000 });
    await install.scrollIntoViewIfNeeded();
    await shootBothModes(page, "accounts-ssh-key-refused");
  });
});

// The window at its minimum size (main/main-window.ts): the widest tables still show every button.
test.describe("the narrowest window", () => {
  test.use({ viewport: { width: 680, height: 440 } });

  test("accounts and pairing keep their buttons inside the window", async ({ page, core }) => {
    core.sim.injectInbound({ from: "+15555550999", text: "hi, is this Pinch?" });
    await page.getByRole("button", { name: "Accounts" }).click();
    const settings = page.getByRole("table", { name: "Settings of Personal" });
    await expect(settings.getByRole("button", { name: /^Change/ }).first()).toBeInViewport({ ratio: 1 });
    await shootBothModes(page, "accounts-narrow");

    await page.getByRole("button", { name: "Pairing" }).click();
    await expect(page.getByRole("button", { name: "Dismiss +15555550999" })).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole("button", { name: "Approve +15555550999 and tell them" })).toBeInViewport({
      ratio: 1,
    });
    await shootBothModes(page, "pairing-narrow");
  });
});
