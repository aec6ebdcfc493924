import { expect, target, test } from "./fixtures.ts";

test("the window opens on the Status section with the Pinch name", async ({ page }) => {
  await expect(page.getByRole("heading", { level: 1, name: "Status" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Pinch", exact: true })).toBeVisible();
  await expect(page).toHaveTitle("Pinch");
});

test.describe("without a gateway", () => {
  test.use({ coreSetup: false });

  test("the Status section says it is not connected to the gateway", async ({ page }) => {
    test.skip(target === "electron", "inside the app the bridge is always present");
    const notice = page.getByRole("status").filter({
      has: page.getByRole("heading", { name: "Not connected to the Pinch gateway" }),
    });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText("Open Pinch from the lobster in the menu bar");
  });
});

test("the page loads without console errors or Content Security Policy violations", async ({
  page,
  problems,
}) => {
  await expect(page.getByText("Running", { exact: true }).first()).toBeVisible();
  // Wait for the lobster to decode, so a blocked img-src would already have been reported.
  const lobster = page.locator("img.lobster-mark");
  await expect
    .poll(() => lobster.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth))
    .toBeGreaterThan(0);
  expect(await problems()).toEqual([]);
});

test("the CSP probe reports inline code that the policy blocks", async ({ page, problems }) => {
  test.skip(target === "electron", "the probe is proven once, in the browser target");
  await page.evaluate(
    "document.head.append(Object.assign(document.createElement('style'), { textContent: 'p {}' }))",
  );
  await expect.poll(problems).toContainEqual(expect.stringContaining("CSP violation: style-src"));
});
