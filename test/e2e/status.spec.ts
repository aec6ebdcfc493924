import type { GatewayStatus } from "../../renderer/bridge/pinch-api.ts";
import { expect, pushStatus, screenshotPath, test } from "./fixtures.ts";

const threeAccounts: GatewayStatus = {
  accounts: [
    { id: "default", name: "Personal", state: "ready", detail: "Watching messages since 09:41" },
    {
      id: "studio",
      name: "Studio Mac",
      state: "needs-permission",
      detail: "Full Disk Access is off for Pinch, so it cannot read the Messages database.",
    },
    { id: "family", state: "backoff", detail: "imsg exited; retrying in 8 seconds" },
  ],
};

test.describe("with accounts reported by the gateway", () => {
  test.use({ fakeBridge: { status: threeAccounts } });

  test("each account shows its name and state", async ({ page }) => {
    const accounts = page.getByRole("region", { name: "Accounts" }).getByRole("listitem");
    await expect(accounts).toHaveCount(3);
    await expect(accounts.nth(0)).toContainText("Personal");
    await expect(accounts.nth(0)).toContainText("Running");
    await expect(accounts.nth(1)).toContainText("Needs permission");
    await expect(accounts.nth(1)).toContainText("Full Disk Access is off");
    await expect(accounts.nth(2)).toContainText("family");
    await expect(accounts.nth(2)).toContainText("Restarting");
  });

  test("the header sums up how many accounts are running", async ({ page }) => {
    await expect(page.getByText("1 of 3 accounts running")).toBeVisible();
  });

  test("a status change from the gateway replaces the shown states", async ({ page }) => {
    await expect(page.getByText("1 of 3 accounts running")).toBeVisible();
    await pushStatus(page, {
      accounts: threeAccounts.accounts.map((account) => ({ ...account, state: "ready" as const })),
    });
    await expect(page.getByText("All accounts running")).toBeVisible();
    await expect(page.getByText("Needs permission")).toHaveCount(0);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`the account list renders in ${colorScheme} mode`, async ({ page, problems }) => {
      await page.emulateMedia({ colorScheme });
      await expect(page.getByRole("region", { name: "Accounts" }).getByRole("listitem")).toHaveCount(3);
      await page.screenshot({ path: screenshotPath(`status-accounts-${colorScheme}`) });
      expect(await problems()).toEqual([]);
    });
  }
});

test.describe("with no accounts configured", () => {
  test.use({ fakeBridge: { status: { accounts: [] } } });

  test("the Status section says there are no accounts yet", async ({ page }) => {
    await expect(page.getByText("No accounts yet")).toBeVisible();
  });
});

test.describe("when the gateway cannot report its status", () => {
  test.use({ fakeBridge: { failWith: "The gateway did not answer within 5 seconds." } });

  test("the Status section shows the error and what to do", async ({ page }) => {
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("Could not read the gateway status");
    await expect(alert).toContainText("The gateway did not answer within 5 seconds.");
  });
});
