import { readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import { FakeLlmServer } from "../fake-llm/fake-llm-server.ts";
import { imsgShimPath } from "../imsg-sim/sim-db.ts";
import { expect, screenshotPath, test } from "./fixtures.ts";

const owner = "+15555550123";

test.describe("first run", () => {
  test.use({ coreSetup: { firstRunDone: false, automation: "granted" } });

  test("a beginner goes through the wizard; a denied permission, once granted, moves it on by itself", async ({
    page,
    core,
  }) => {
    test.setTimeout(90_000);
    const title = page.getByRole("heading", { level: 1 });
    await expect(title).toHaveText("Welcome to Pinch");
    await page.getByRole("button", { name: "Get started" }).click();

    // The checks pass against the simulator and the stand-in osascript: each step moves on by itself.
    await expect(title).toHaveText("Install imsg");
    // From here on macOS refuses Automation, as it does before the user clicks OK in its prompt.
    core.macos.answer("denied");
    await expect(title).toHaveText("Let Pinch read your messages");
    await expect(title).toHaveText("Let Pinch send messages");
    const result = page.getByRole("status").filter({ hasText: "Not allowed yet" });
    await expect(result).toBeVisible();
    await page.getByRole("button", { name: "Open System Settings" }).click();
    await expect.poll(() => core.host.opened.join(" ")).toContain("Privacy_Automation");
    await page.screenshot({ path: screenshotPath("wizard-automation-denied-light") });

    core.macos.answer("granted");
    await expect(title).toHaveText("Sign in to Messages");
    await expect(title).toHaveText("The assistant answers as you");
    // Going back shows the passed step without bouncing forward again.
    await page.getByRole("button", { name: "Back" }).click();
    await expect(title).toHaveText("Sign in to Messages");
    await expect(page.getByRole("status").filter({ hasText: "✓ Done" })).toBeVisible();
    await page.waitForTimeout(1_500);
    await expect(title).toHaveText("Sign in to Messages");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "I understand" }).click();
    await expect(title).toHaveText("Who should the assistant answer?");
    await expect(page.getByRole("radio", { name: /Only people on my list/ })).toBeChecked();
    const number = page.getByRole("textbox", { name: "Your own phone number or email" });
    await number.fill("555 555");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("alert")).toContainText(
      "doesn't look like a phone number in the United States",
    );
    await expect(title).toHaveText("Who should the assistant answer?");
    await number.fill("(555) 555-0123");
    await expect(page.getByText(`Saved as ${owner}`)).toBeVisible();
    await page.getByRole("button", { name: "Continue" }).click();

    await expect(title).toHaveText("Group chats");
    await page.getByRole("radio", { name: /Chosen groups and people/ }).check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(title).toHaveText("Choose the model");
    // Every group, after Back: the "*" entry that chosen groups switched off answers again.
    await page.getByRole("button", { name: "Back" }).click();
    await expect(title).toHaveText("Group chats");
    await page.getByRole("radio", { name: /Every group/ }).check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(title).toHaveText("Choose the model");
    const afterBack = core.readConfig() as { channels: { imessage: Record<string, unknown> } };
    expect(afterBack.channels.imessage.groupPolicy).toBe("open");
    expect(afterBack.channels.imessage.groups).toEqual({ "*": { requireMention: true } });
    await page.getByRole("button", { name: "Back" }).click();
    await expect(title).toHaveText("Group chats");
    await page.getByRole("radio", { name: /Chosen groups and people/ }).check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(title).toHaveText("Choose the model");
    const provider = await FakeLlmServer.start(() => ({ kind: "reply", text: "Hello! Nice to meet you." }));
    try {
      await page.getByLabel("Provider").selectOption("anthropic");
      await page.getByRole("button", { name: "Save and say hello" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "needs an API key" })).toBeVisible();
      await page.getByLabel("Provider").selectOption("custom");
      await page.getByRole("textbox", { name: "Model" }).fill("fake-model");
      await page.getByRole("textbox", { name: "Server address" }).fill(provider.baseUrl);
      await page.getByLabel(/API key/).fill("sk-test-key-0123456789");
      await page.getByRole("button", { name: "Save and say hello" }).click();
      await expect(page.getByText("“Hello! Nice to meet you.”")).toBeVisible();
      expect(provider.requests.at(-1)?.headers.authorization).toBe("Bearer sk-test-key-0123456789");
      const config = core.readConfig();
      expect(config).toMatchObject({
        models: { providers: { custom: { baseUrl: provider.baseUrl, apiKey: "keychain:custom-api-key" } } },
        agents: { defaults: { model: "custom/fake-model" } },
      });
      expect(JSON.stringify(config)).not.toContain("sk-test-key");

      await expect(title).toHaveText("Send yourself a test message");
      expect(core.readConfig()).toMatchObject({
        channels: {
          imessage: {
            dmPolicy: "allowlist",
            allowFrom: [owner],
            groupPolicy: "allowlist",
            // No group is answered until one is allowed in Allowlists.
            groups: { "*": { enabled: false, requireMention: true } },
          },
        },
        session: { dmScope: "per-channel-peer" },
      });
      // The model just set up answers, with the key the window put in the keychain.
      const hello = core.sim.injectInbound({ from: owner, text: "hello" });
      await core.waitForSent(hello.chatId, (text) => text === "Hello! Nice to meet you.");
      expect(provider.requests.at(-1)?.headers.authorization).toBe("Bearer sk-test-key-0123456789");
    } finally {
      await provider.close();
    }
    await expect(title).toHaveText("Pinch is ready");
    await page.getByRole("button", { name: "Open Pinch" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Status" })).toBeVisible();
    expect(core.host.getPrefs().firstRunDone).toBe(true);
  });
});

test.describe("first run with a DM policy already in the config", () => {
  test.use({ coreSetup: { firstRunDone: false, automation: "granted", imessage: { dmPolicy: "pairing" } } });

  test("the Who step offers the policy the config has", async ({ page }) => {
    // The permission steps come first, against the real core; a busy machine makes them slow.
    test.setTimeout(90_000);
    const title = page.getByRole("heading", { level: 1 });
    await page.getByRole("button", { name: "Get started" }).click();
    await page.getByRole("button", { name: "I understand" }).click({ timeout: 60_000 });
    await expect(title).toHaveText("Who should the assistant answer?");
    await expect(page.getByRole("radio", { name: /People on my list, and people I approve/ })).toBeChecked();
  });
});

test.describe("first run without imsg", () => {
  test.use({ coreSetup: { firstRunDone: false, imessage: { cliPath: "imsg" }, waitReady: false } });

  test("the imsg step offers the Homebrew install and moves on once imsg is there", async ({
    page,
    core,
  }) => {
    const brew = core.macos.installBrew();
    await page.getByRole("button", { name: "Get started" }).click();
    const title = page.getByRole("heading", { level: 1 });
    await expect(title).toHaveText("Install imsg");
    await expect(page.getByRole("status").filter({ hasText: "imsg is not installed yet" })).toBeVisible();
    await page.getByRole("button", { name: "Install with Homebrew" }).click();
    await expect(page.getByText("Terminal is running brew install openclaw/tap/imsg")).toBeVisible();
    const [openCall] = core.macos.calls("open");
    expect(openCall?.slice(0, 2)).toEqual(["-a", "Terminal"]);
    expect(readFileSync(openCall?.[2] ?? "", "utf8")).toContain(`'${brew}' install openclaw/tap/imsg`);

    // What brew would do: put imsg on the PATH the app searches.
    symlinkSync(imsgShimPath(), path.join(core.macos.binDir, "imsg"));
    await expect(title).toHaveText("Let Pinch read your messages", { timeout: 15_000 });
  });
});
