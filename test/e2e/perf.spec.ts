// The window's performance budgets: bundle size and first paint, measured in the harness.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { expect, target, test } from "./fixtures.ts";
import { harnessRendererDir } from "./serve-renderer.ts";

const BUNDLE_BUDGET_BYTES = 400 * 1024;
const FIRST_PAINT_BUDGET_MS = 300;
const LOADS = 5;

test("the renderer bundle is at most 400 KB gzipped", () => {
  const assets = path.join(harnessRendererDir, "assets");
  const files = readdirSync(assets).filter((file) => /\.(js|css)$/.test(file));
  const gzipped = files.reduce(
    (sum, file) => sum + gzipSync(readFileSync(path.join(assets, file))).length,
    0,
  );
  test.info().annotations.push({ type: "bundle-gzip-kb", description: (gzipped / 1024).toFixed(1) });
  expect(gzipped).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
});

test("the window paints within 300 ms of loading (median of five loads)", async ({ page }) => {
  test.skip(target === "electron", "measured in the browser harness");
  const timings: number[] = [];
  for (let load = 0; load < LOADS; load += 1) {
    if (load > 0) await page.reload();
    await expect(page.getByRole("heading", { name: "Pinch", exact: true })).toBeVisible();
    // A string, because this file is compiled for Node, which has no DOM performance types.
    const paint = (await page.evaluate(`(() => {
      const first = performance.getEntriesByType("paint").find((entry) => entry.name === "first-contentful-paint");
      const nav = performance.getEntriesByType("navigation")[0];
      return first && nav ? first.startTime - nav.responseEnd : NaN;
    })()`)) as number;
    timings.push(paint);
  }
  const median = [...timings].sort((a, b) => a - b)[Math.floor(LOADS / 2)] ?? Number.NaN;
  test.info().annotations.push({
    type: "first-paint-ms",
    description: `median ${Math.round(median)} (${timings.map(Math.round).join(", ")})`,
  });
  expect(median).toBeLessThanOrEqual(FIRST_PAINT_BUDGET_MS);
});
