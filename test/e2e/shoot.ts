// One screen, two pictures: the same state drawn in light and in dark mode, as when the user switches
// the Mac's appearance, so a walk through a flow needs to be done once, not once per mode.
import type { Page } from "@playwright/test";
import { screenshotPath } from "./fixtures.ts";

export const colorSchemes = ["light", "dark"] as const;

/** Saves `<name>-light.png` and `<name>-dark.png`; leaves the page in light mode. */
export async function shootBothModes(page: Page, name: string): Promise<void> {
  for (const colorScheme of [...colorSchemes].reverse()) {
    await page.emulateMedia({ colorScheme });
    // Finished transitions: a colour fading from one mode to the other is not a picture of either.
    await page.screenshot({ path: screenshotPath(`${name}-${colorScheme}`), animations: "disabled" });
  }
}
