import { defineConfig } from "@playwright/test";

// Debian's Chromium, never a downloaded browser build. The flags keep it from reaching the network
// on its own (component updates, background fetches) so a test run stays on loopback.
const chromiumPath = process.env.PINCH_CHROMIUM ?? "/usr/bin/chromium";
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

export default defineConfig({
  testDir: "test/e2e",
  outputDir: "test-output/playwright",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  workers: 2,
  reporter: [["list"], ["json", { outputFile: "test-output/playwright-results.json" }]],
  use: {
    browserName: "chromium",
    headless: true,
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    viewport: { width: 860, height: 580 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
