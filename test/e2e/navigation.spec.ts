import { expect, test } from "./fixtures.ts";

const sectionTitles = ["Status", "Pairing", "Allowlists", "Reminders", "Accounts", "Logs", "Settings"];

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

test("a chosen section's title takes the focus; at launch the focus stays where it was", async ({ page }) => {
  const status = page.getByRole("heading", { level: 1, name: "Status" });
  await expect(status).toBeVisible();
  await expect(status).not.toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Pairing" })).toBeFocused();
  await page.getByRole("button", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeFocused();
  // Back to the assistant: the button that was clicked is gone, its first heading has the focus.
  await page.getByRole("button", { name: "Run setup again" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Welcome to Pinch" })).toBeFocused();
});

test.describe("views the menu bar asks for", () => {
  const title = (page: import("@playwright/test").Page) => page.getByRole("heading", { level: 1 });
  // Runs in the page; this file is compiled for Node, hence `location` through globalThis.
  const ask = (page: import("@playwright/test").Page, view: string) =>
    page.evaluate((wanted) => {
      const { location } = globalThis as unknown as { location: { hash: string } };
      const params = new URLSearchParams(location.hash.slice(1));
      params.set("view", wanted);
      // As main does: a new request number, so asking twice for one view still changes the fragment.
      params.set("request", String(Number(params.get("request") ?? 0) + 1));
      location.hash = params.toString();
    }, view);

  test("an open window follows each requested view", async ({ page }) => {
    await expect(title(page)).toHaveText("Status");
    await ask(page, "pairing");
    await expect(title(page)).toHaveText("Pairing");
    await page.getByRole("button", { name: "Logs" }).click();
    await ask(page, "pairing");
    await expect(title(page)).toHaveText("Pairing");
    await ask(page, "setup");
    await expect(title(page)).toHaveText("Welcome to Pinch");
  });

  test.describe("before the first run is done", () => {
    test.use({ coreSetup: { firstRunDone: false } });

    test("a window opened at a view shows it rather than the assistant", async ({ page }) => {
      await expect(title(page)).toHaveText("Welcome to Pinch");
      await ask(page, "logs");
      await page.reload();
      await expect(title(page)).toHaveText("Logs");
    });
  });
});
