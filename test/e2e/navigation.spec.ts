import { expect, screenshotPath, test } from "./fixtures.ts";

const sectionTitles = ["Status", "Pairing", "Allowlists", "Accounts", "Settings"];

test("the sidebar lists every section, with Status current", async ({ page }) => {
  const sidebar = page.getByRole("navigation", { name: "Sections" });
  await expect(sidebar.getByRole("button")).toHaveText(sectionTitles);
  await expect(sidebar.getByRole("button", { name: "Status" })).toHaveAttribute("aria-current", "page");
});

test("sections that are not built yet are described as not available", async ({ page }) => {
  const sidebar = page.getByRole("navigation", { name: "Sections" });
  await expect(sidebar.getByRole("button", { name: "Status" })).not.toHaveAccessibleDescription(/./);
  for (const title of sectionTitles.slice(1)) {
    await expect(sidebar.getByRole("button", { name: title })).toHaveAccessibleDescription(
      "Not available yet",
    );
  }
});

test("choosing an unavailable section says what it will hold and that it is not available yet", async ({
  page,
  problems,
}) => {
  await page.getByRole("button", { name: "Pairing" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Pairing" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Pairing" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("Approve them to let them chat")).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Not available yet");
  await page.screenshot({ path: screenshotPath("pairing-unavailable") });
  expect(await problems()).toEqual([]);
});

test("the sidebar works from the keyboard with a visible focus ring", async ({ page }) => {
  await expect(page.getByRole("heading", { name: "Pinch", exact: true })).toBeVisible();
  await page.keyboard.press("Tab");
  const status = page.getByRole("button", { name: "Status" });
  await expect(status).toBeFocused();
  await expect(status).not.toHaveCSS("outline-style", "none");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Pairing" })).toBeVisible();
});
