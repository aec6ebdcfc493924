// The permission steps of the first-run wizard, each refused first and then granted, against the
// real core: macOS is played by the stand-in osascript and open (fake-macos.ts) and by a database
// the kernel refuses to open. Every step that has not passed offers its fix, "Check again" and a
// way past that says what will not work.
import { chmodSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { automationProbeScript } from "../../app/setup/permissions/check-automation.ts";
import { imsgShimPath } from "../imsg-sim/sim-db.ts";
import { expect, screenshotPath, test } from "./fixtures.ts";

// Each shell-script stand-in and simulated imsg is a process of its own: waiting on them takes a while.
test.describe.configure({ timeout: 120_000 });

const steps = (page: Page) => page.getByRole("navigation", { name: "Setup steps" });

test.describe("Automation refused", () => {
  test.use({ coreSetup: { firstRunDone: false, automation: "denied" } });

  test("the Automation step offers System Settings, Check again and Skip, and moves on once allowed", async ({
    page,
    core,
  }) => {
    const title = page.getByRole("heading", { level: 1 });
    await page.getByRole("button", { name: "Get started" }).click();
    await expect(title).toHaveText("Let Pinch send messages", { timeout: 20_000 });
    await expect(page.getByRole("status").filter({ hasText: "Not allowed yet" })).toContainText("-1743");
    // The words come first; osascript's own text waits under Details.
    const result = page.getByRole("status").filter({ hasText: "Not allowed yet" });
    await result.getByText("Details").click();
    await expect(result.locator("pre")).toContainText("-1743");
    // Nothing asked Messages anything before this step explained the prompt.
    const [first] = core.macos.calls("osascript");
    expect(first).toEqual(["-e", automationProbeScript]);

    await page.getByRole("button", { name: "Open System Settings → Automation" }).click();
    await expect.poll(() => core.host.opened.join(" ")).toContain("Privacy_Automation");
    await expect(
      page.getByRole("button", {
        name: "Skip — Pinch won't be able to send replies until it may control Messages",
      }),
    ).toBeVisible();

    core.macos.answer("granted");
    await page.getByRole("button", { name: "Check again" }).click();
    await expect(title).toHaveText("Sign in to Messages");
    await expect(title).toHaveText("The assistant answers as you", { timeout: 20_000 });
    await expect(steps(page)).not.toContainText("skipped");
  });

  test("skipping Automation moves on, the sign-in step still has a way on, and Done says what won't work", async ({
    page,
  }) => {
    const title = page.getByRole("heading", { level: 1 });
    await page.getByRole("button", { name: "Get started" }).click();
    await expect(title).toHaveText("Let Pinch send messages", { timeout: 20_000 });
    await page.getByRole("button", { name: /^Skip — Pinch won't be able to send replies/ }).click();

    await expect(title).toHaveText("Sign in to Messages");
    await expect(steps(page).getByRole("listitem").filter({ hasText: "Automation" })).toContainText(
      "skipped",
    );
    // Without Automation Messages cannot be asked; the step says so and points at the switch.
    await expect(page.getByRole("status").filter({ hasText: "until Automation is allowed" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Open System Settings → Automation" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Check again" })).toBeVisible();
    await page
      .getByRole("button", { name: /^Skip — the assistant can't answer until Messages is signed in/ })
      .click();

    await page.getByRole("button", { name: "I understand" }).click();
    await expect(title).toHaveText("Who should the assistant answer?");
    await page.getByRole("textbox", { name: "Your own phone number or email" }).fill("(555) 555-0123");
    await expect(page.getByText("Saved as +15555550123")).toBeVisible();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(title).toHaveText("Group chats");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(title).toHaveText("Choose the model");
    await page.getByRole("button", { name: "Skip for now" }).click();
    await expect(title).toHaveText("Send yourself a test message");
    await page.getByRole("button", { name: "Skip", exact: true }).click();

    await expect(title).toHaveText("Pinch is ready");
    const skipped = page.getByRole("region", { name: "Skipped during setup" });
    await expect(skipped).toContainText("Pinch may not control Messages, so it can't send replies");
    await expect(skipped).toContainText("Messages is not signed in to iMessage, so nobody gets an answer");
  });
});

test.describe("the Automation prompt left open", () => {
  test.use({ coreSetup: { firstRunDone: false, automation: "prompt-open" } });

  test("a check that does not answer says what to do instead of spinning, and Check again asks anew", async ({
    page,
    core,
  }) => {
    const title = page.getByRole("heading", { level: 1 });
    await page.getByRole("button", { name: "Get started" }).click();
    await expect(title).toHaveText("Let Pinch send messages", { timeout: 20_000 });
    await expect(page.getByRole("button", { name: "Check again" })).toBeVisible();
    await expect(
      page.getByRole("button", { name: /^Skip — Pinch won't be able to send replies/ }),
    ).toBeVisible();
    await expect(
      page
        .getByRole("status")
        .filter({ hasText: "macOS is probably showing a prompt about Pinch and Messages" }),
    ).toBeVisible({ timeout: 20_000 });

    // The user clicks OK in the prompt.
    core.macos.answer("granted");
    await page.getByRole("button", { name: "Check again" }).click();
    await expect(title).toHaveText("The assistant answers as you", { timeout: 20_000 });
  });
});

test.describe("Messages not signed in", () => {
  test.use({ coreSetup: { firstRunDone: false, automation: "granted" } });

  test("the sign-in step opens Messages, and moves on once iMessage is on", async ({ page, core }) => {
    core.macos.answer("granted", "iMessage\tfalse\nSMS\tfalse\n");
    const title = page.getByRole("heading", { level: 1 });
    await page.getByRole("button", { name: "Get started" }).click();
    await expect(title).toHaveText("Sign in to Messages", { timeout: 20_000 });
    await expect(
      page.getByRole("status").filter({ hasText: "Messages is not signed in to iMessage yet" }),
    ).toContainText("no enabled iMessage account");

    await page.getByRole("button", { name: "Open Messages" }).click();
    await expect.poll(() => core.macos.calls("open")).toContainEqual(["-a", "Messages"]);
    await expect(page.getByRole("button", { name: "Check again" })).toBeVisible();
    await expect(
      page.getByRole("button", { name: "Skip — the assistant can't answer until Messages is signed in" }),
    ).toBeVisible();

    core.macos.answer("granted");
    await expect(title).toHaveText("The assistant answers as you");
  });
});

test.describe("Full Disk Access off", () => {
  test.use({
    coreSetup: { firstRunDone: false, automation: "granted", fullDiskAccess: "denied", waitReady: false },
  });

  test("the step explains adding Pinch, offers Quit & Reopen, and moves on once access is on", async ({
    page,
    core,
  }) => {
    const title = page.getByRole("heading", { level: 1 });
    await page.getByRole("button", { name: "Get started" }).click();
    await expect(title).toHaveText("Let Pinch read your messages", { timeout: 20_000 });
    await expect(page.getByRole("status").filter({ hasText: "Not allowed yet" })).toContainText("EACCES");
    await expect(page.getByText("Pinch not in the list? Click + below the list")).toBeVisible();
    await page.screenshot({ path: screenshotPath("wizard-full-disk-access-denied-light") });

    await page.getByRole("button", { name: "Open System Settings → Full Disk Access" }).click();
    await expect.poll(() => core.host.opened.join(" ")).toContain("Privacy_AllFiles");
    await page.getByRole("button", { name: "Quit & Reopen" }).click();
    await expect(page.getByText("Pinch is quitting and will open again.")).toBeVisible();
    await expect.poll(() => core.host.relaunches()).toBe(1);
    await expect(
      page.getByRole("button", {
        name: "Skip — Pinch can't read new messages until it has Full Disk Access",
      }),
    ).toBeVisible();

    core.fullDiskAccess?.grant();
    await expect(title).toHaveText("Let Pinch send messages", { timeout: 20_000 });
  });
});

test.describe("imsg missing on a Mac without Homebrew", () => {
  test.use({ coreSetup: { firstRunDone: false, imessage: { cliPath: "imsg" }, waitReady: false } });

  test("the imsg step offers the download page and takes an imsg file the user chooses", async ({
    page,
    core,
  }) => {
    const title = page.getByRole("heading", { level: 1 });
    await page.getByRole("button", { name: "Get started" }).click();
    await expect(title).toHaveText("Install imsg");
    await expect(page.getByRole("status").filter({ hasText: "imsg is not installed yet" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Install with Homebrew" })).toHaveCount(0);
    await expect(
      page.getByRole("button", { name: "Skip — Pinch can't read or send messages until imsg is installed" }),
    ).toBeVisible();

    await page.getByRole("button", { name: "Download imsg" }).click();
    await expect.poll(() => core.host.opened).toContain("https://github.com/openclaw/imsg/releases");

    // A file that runs but is not imsg is refused with words, and the config keeps its cliPath.
    const impostor = path.join(core.macos.binDir, "not-imsg");
    writeFileSync(impostor, "#!/bin/sh\necho hello\n");
    chmodSync(impostor, 0o755);
    core.host.nextChosenFile = impostor;
    await page.getByRole("button", { name: "Choose imsg…" }).click();
    await expect(page.getByRole("alert")).toContainText("printed no version number", { timeout: 30_000 });
    expect(core.readConfig()).toMatchObject({ channels: { imessage: { cliPath: "imsg" } } });

    core.host.nextChosenFile = imsgShimPath();
    await page.getByRole("button", { name: "Choose imsg…" }).click();
    // The check passes with the chosen imsg and the wizard moves on (Full Disk Access, which passes too).
    await expect(page.getByRole("status").filter({ hasText: "✓ Done" })).toBeVisible({ timeout: 60_000 });
    await expect(title).not.toHaveText("Install imsg");
    expect(core.readConfig()).toMatchObject({ channels: { imessage: { cliPath: imsgShimPath() } } });
  });
});
