// Every step of the first-run wizard in light and dark mode, walked once as a beginner would: each
// step is drawn in the state a beginner meets it (not signed in, imsg missing, Automation refused),
// then the fixture "fixes" it and the wizard moves on by itself. Saved under test-output/screenshots/.
import { symlinkSync } from "node:fs";
import path from "node:path";
import { imsgShimPath } from "../imsg-sim/sim-db.ts";
import { expect, test } from "./fixtures.ts";
import { shootBothModes } from "./shoot.ts";

const owner = "+15555550123";

test.use({
  coreSetup: { firstRunDone: false, imessage: { cliPath: "imsg" }, waitReady: false },
  viewport: { width: 900, height: 640 },
});

test("every wizard step in light and dark mode", async ({ page, core }) => {
  test.setTimeout(60_000);
  const title = page.getByRole("heading", { level: 1 });
  const result = (text: string) => page.getByRole("status").filter({ hasText: text });
  // Messages without an iMessage account: what a Mac that was never signed in answers.
  core.macos.answer("granted", "");
  core.macos.installBrew();
  await page.getByRole("button", { name: "Get started" }).click();

  await expect(title).toHaveText("Install imsg");
  await expect(result("imsg is not installed yet")).toBeVisible();
  await page.getByRole("button", { name: "Install with Homebrew" }).click();
  await expect(page.getByText("Terminal is running brew install openclaw/tap/imsg")).toBeVisible();
  await shootBothModes(page, "wizard-imsg");
  // From here on macOS refuses Automation, as it does before the user clicks OK in its prompt.
  core.macos.answer("denied");
  // What brew would do: put imsg on the PATH the app searches.
  symlinkSync(imsgShimPath(), path.join(core.macos.binDir, "imsg"));

  await expect(title).toHaveText("Let Pinch send messages", { timeout: 15_000 });
  await expect(result("Not allowed yet")).toBeVisible();
  await shootBothModes(page, "wizard-automation");
  core.macos.answer("granted", "");

  await expect(title).toHaveText("Sign in to Messages");
  await expect(result("Messages is not signed in to iMessage yet")).toBeVisible();
  await shootBothModes(page, "wizard-messages");
  core.macos.answer("granted");

  await expect(title).toHaveText("The assistant answers as you");
  await shootBothModes(page, "wizard-consent");
  // Full Disk Access passed by itself on the way (the core can read the database): Back shows it done.
  await page.getByRole("button", { name: "Back" }).click();
  await page.getByRole("button", { name: "Back" }).click();
  await page.getByRole("button", { name: "Back" }).click();
  await expect(title).toHaveText("Let Pinch read your messages");
  await expect(result("✓ Done")).toBeVisible();
  await shootBothModes(page, "wizard-full-disk-access");
  // Continue, and the Automation and sign-in steps, which pass, move on by themselves.
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "I understand" }).click();

  await expect(title).toHaveText("Who should the assistant answer?");
  await page.getByRole("textbox", { name: "Your own phone number or email" }).fill("(555) 555-0123");
  await expect(page.getByText(`Saved as ${owner}`)).toBeVisible();
  await shootBothModes(page, "wizard-who-filled");
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(title).toHaveText("Group chats");
  await expect(page.getByRole("radio", { name: /Chosen groups and people/ })).toBeChecked();
  await shootBothModes(page, "wizard-groups");
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(title).toHaveText("Choose the model");
  await page.getByRole("button", { name: "Save and say hello" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "needs an API key" })).toBeVisible();
  await shootBothModes(page, "wizard-model");
  await page.getByLabel("Provider").selectOption("ollama");
  await expect(page.getByRole("textbox", { name: "Server address" })).toHaveValue(
    "http://127.0.0.1:11434/v1",
  );
  await shootBothModes(page, "wizard-model-ollama");
  await page.getByRole("button", { name: "Skip for now" }).click();

  await expect(title).toHaveText("Send yourself a test message");
  await expect(result("Waiting for your message")).toBeVisible();
  await shootBothModes(page, "wizard-test-message");
  const hello = core.sim.injectInbound({ from: owner, text: "hello" });
  await core.waitForSent(hello.chatId, (text) => text === "echo: hello");

  await expect(title).toHaveText("Pinch is ready");
  await shootBothModes(page, "wizard-done");
});
