// The window's size budget. Timings (first paint, the Pairing view with 1,000 senders) are not
// asserted here, where a loaded machine would make them flaky: `npm run bench` measures them.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test } from "./fixtures.ts";
import { harnessRendererDir } from "./serve-renderer.ts";

const BUNDLE_BUDGET_BYTES = 400 * 1024;

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
