import { expect, test } from "./fixtures.ts";

const sectionTitles = ["Status", "Pairing", "Allowlists", "Accounts", "Logs", "Settings"];

test("the sidebar lists every section, with Status current", async ({ page }) => {
  const sidebar = page.getByRole("navigation", { name: "Sections" });
  await expect(sidebar.getByRole("button")).toHaveText(sectionTitles);
  await expect(sidebar.getByRole("button", { name: "Status" })).toHaveAttribute("aria-current", "page");
});

test("choosing a section shows its title", async ({ page, problems }) => {
  for (const title of sectionTitles) {
    await page.getByRole("button", { name: title }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole("button", { name: title })).toHaveAttribute("aria-current", "page");
  }
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
