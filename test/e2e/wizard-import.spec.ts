import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures.ts";

// A copy of the OpenClaw fixture, found through OPENCLAW_STATE_DIR as OpenClaw itself finds it.
const home = mkdtempSync(path.join(tmpdir(), "pinch-e2e-openclaw-"));
cpSync(path.resolve(import.meta.dirname, "..", "fixtures", "openclaw-home"), home, { recursive: true });
const openclawDir = path.join(home, ".openclaw");

test.describe("first run with OpenClaw on the Mac", () => {
  test.use({ coreSetup: { firstRunDone: false, env: { OPENCLAW_STATE_DIR: openclawDir } } });

  test("the wizard shows what OpenClaw brings over and imports it on Import", async ({ page, core }) => {
    const title = page.getByRole("heading", { level: 1 });
    await expect(page.getByRole("navigation", { name: "Setup steps" })).toContainText("OpenClaw");
    await page.getByRole("button", { name: "Get started" }).click();
    await expect(title).toHaveText("Bring over OpenClaw");
    const summary = page.getByRole("region", { name: "What will be imported" });
    await expect(summary).toContainText("personal: +15555550142, robin@example.com, +15555550123");
    await expect(summary).toContainText("bot: +15555550161, +15555550162");
    await expect(summary).toContainText("Model keys are not copied");
    await expect(summary).toContainText("Left out, not supported by Pinch: gateway");

    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByRole("status")).toContainText("✓ Imported");
    const config = core.readConfig() as Record<string, any>;
    expect(config.channels.imessage.accounts.personal.groups["101"]).toEqual({
      requireMention: false,
      systemPrompt: "This is the family chat. Keep it short.",
    });
    expect(config.commands.config).toBe(true);
    // The core's own keys are kept: the simulator's imsg and database.
    expect(config.channels.imessage.cliPath).toBeTruthy();
    expect(JSON.stringify(config)).not.toContain("not-a-real-anthropic-key");
    const pairing = JSON.parse(
      readFileSync(path.join(core.stateDir, "imessage", "personal", "pairing.json"), "utf8"),
    ) as { approved: { sender: string }[] };
    expect(pairing.approved.map((entry) => entry.sender)).toEqual([
      "+15555550142",
      "robin@example.com",
      "+15555550123",
    ]);

    await page.getByRole("button", { name: "Continue" }).click();
    await expect(title).toHaveText("Install imsg");
  });
});

test.describe("first run without OpenClaw", () => {
  test.use({ coreSetup: { firstRunDone: false, env: { OPENCLAW_STATE_DIR: path.join(home, "missing") } } });

  test("the wizard has no OpenClaw step", async ({ page }) => {
    await page.getByRole("button", { name: "Get started" }).click();
    // The first setup step follows Welcome (it may pass and move on by itself at once).
    await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Welcome to Pinch");
    const nav = page.getByRole("navigation", { name: "Setup steps" });
    await expect(nav.getByRole("listitem").nth(1)).toHaveText("imsg");
    await expect(nav).not.toContainText("OpenClaw");
  });
});
