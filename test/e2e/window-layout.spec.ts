// The window in a large size: the wizard's Back sits in one row with the step's own button, and the
// titles line up with the centred column under them. Pictures at the default and a large size in
// light and dark mode are saved under test-output/screenshots/.
import { expect, test } from "./fixtures.ts";
import { shootBothModes } from "./shoot.ts";

const sizes = [
  { width: 860, height: 580 },
  { width: 1400, height: 900 },
] as const;

for (const size of sizes) {
  test.describe(`a ${size.width}×${size.height} window`, () => {
    test.use({ viewport: size, coreSetup: { firstRunDone: false } });
    // Four pictures and the permission checks of a walk; a loaded runner can take minutes.
    test.setTimeout(180_000);

    test("the wizard's title, step and footer share one column, Back beside the step's button", async ({
      page,
    }) => {
      const title = page.getByRole("heading", { level: 1 });
      await shootBothModes(page, `layout-${size.width}-wizard-welcome`);
      await page.getByRole("button", { name: "Get started" }).click();
      await page.getByRole("button", { name: "I understand" }).click({ timeout: 30_000 });
      await expect(title).toHaveText("Who should the assistant answer?");
      const back = await page.getByRole("button", { name: "Back" }).boundingBox();
      const next = await page.getByRole("button", { name: "Continue" }).boundingBox();
      const heading = await title.boundingBox();
      const choices = await page.getByRole("group", { name: /Who the assistant answers/ }).boundingBox();
      if (!back || !next || !heading || !choices) throw new Error("the Who step is not drawn");
      // One row: the same vertical position; Back at the column's left edge, Continue at its right.
      expect(Math.abs(back.y - next.y)).toBeLessThan(2);
      expect(Math.abs(back.x - choices.x)).toBeLessThan(2);
      expect(Math.abs(next.x + next.width - (choices.x + choices.width))).toBeLessThan(2);
      expect(Math.abs(heading.x - choices.x)).toBeLessThan(2);
      await shootBothModes(page, `layout-${size.width}-wizard-who`);
    });
  });

  test.describe(`the sections in a ${size.width}×${size.height} window`, () => {
    test.use({ viewport: size });
    test.setTimeout(120_000);

    test("each section's title lines up with its column", async ({ page }) => {
      await page
        .getByRole("navigation", { name: "Sections" })
        .getByRole("button", { name: "Settings" })
        .click();
      const title = page.getByRole("heading", { level: 1, name: "Settings" });
      const group = page.getByRole("heading", { level: 2 }).first();
      await expect(group).toBeVisible();
      const [titleBox, groupBox] = [await title.boundingBox(), await page.locator(".screen").boundingBox()];
      if (!titleBox || !groupBox) throw new Error("the Settings section is not drawn");
      expect(Math.abs(titleBox.x - groupBox.x)).toBeLessThan(2);
      await shootBothModes(page, `layout-${size.width}-settings`);
    });
  });
}
