import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./scripts/chromium-launch.ts";

export default defineConfig({
  testDir: "test/e2e",
  globalSetup: "./test/e2e/global-setup.ts",
  outputDir: "test-output/playwright",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  workers: 2,
  // The core behind each page runs real child processes; on a loaded 2-core runner a live update can take seconds.
  expect: { timeout: 10_000 },
  // A test walks several screens, each waiting on the real core; the budget is for a hang, not for speed.
  timeout: 120_000,
  reporter: [["list"], ["json", { outputFile: "test-output/playwright-results.json" }]],
  projects: [{ name: "e2e" }],
  use: {
    browserName: "chromium",
    headless: true,
    launchOptions: chromiumLaunchOptions,
    viewport: { width: 860, height: 580 },
    // An action that cannot happen within this long is a failure, not a wait for the test's whole budget.
    actionTimeout: 45_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
