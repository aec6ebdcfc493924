// Renders the PNG icons in resources/ from resources/lobster.svg through headless Chromium, so the
// drawing has one source. Run after changing the SVG: `npx node scripts/draw-icons.ts`.

import { readFile } from "node:fs/promises";
import path from "node:path";
import { type Browser, chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "./chromium-launch.ts";

const resourcesDir = path.resolve(import.meta.dirname, "..", "resources");

// macOS recolours a template image from its alpha channel only, so the glyph is pure black. At 18 px
// the legs and tail segments blur into grey, so the tray drops them and thickens what remains.
const trayStyle = `
  svg { color: #000; }
  .legs, .segments { display: none; }
  .abdomen { display: inline; }
  .solid { stroke: currentColor; stroke-width: 1.2px; stroke-linejoin: round; }
  .arms { stroke-width: 4.6px; }
  .antennae { stroke-width: 3px; }
`;

// A Big Sur style tile: the 824 px rounded square centred in the 1024 px canvas that Apple's icon
// grid prescribes, so the icon sits at the same optical size as its neighbours in the Dock.
const appIconStyle = `
  body { display: grid; place-items: center; width: 1024px; height: 1024px; }
  .tile {
    display: grid; place-items: center;
    width: 824px; height: 824px; border-radius: 185px;
    background: linear-gradient(160deg, #fff7f0 0%, #fde4d6 100%);
    box-shadow: 0 10px 24px rgb(96 40 24 / 28%), inset 0 0 0 1px rgb(255 255 255 / 60%);
  }
  svg { width: 620px; height: 620px; filter: drop-shadow(0 6px 6px rgb(120 30 16 / 22%)); }
`;

interface IconJob {
  file: string;
  /** CSS pixels of the square canvas. */
  size: number;
  deviceScaleFactor: number;
  style: string;
  wrapInTile: boolean;
}

const jobs: IconJob[] = [
  { file: "trayTemplate.png", size: 18, deviceScaleFactor: 1, style: trayStyle, wrapInTile: false },
  { file: "trayTemplate@2x.png", size: 18, deviceScaleFactor: 2, style: trayStyle, wrapInTile: false },
  { file: "icon.png", size: 1024, deviceScaleFactor: 1, style: appIconStyle, wrapInTile: true },
];

async function renderIcon(browser: Browser, svg: string, job: IconJob): Promise<void> {
  const page = await browser.newPage({
    viewport: { width: job.size, height: job.size },
    deviceScaleFactor: job.deviceScaleFactor,
  });
  const body = job.wrapInTile ? `<div class="tile">${svg}</div>` : svg;
  await page.setContent(`<!doctype html>
    <style>
      html, body { margin: 0; background: transparent; }
      svg { display: block; width: ${job.size}px; height: ${job.size}px; }
      ${job.style}
    </style>
    ${body}`);
  const target = path.join(resourcesDir, job.file);
  await page.screenshot({ path: target, omitBackground: true });
  await page.close();
  console.log(`drew ${path.relative(process.cwd(), target)}`);
}

const svg = await readFile(path.join(resourcesDir, "lobster.svg"), "utf8");
const browser = await chromium.launch(chromiumLaunchOptions).catch((error) => {
  throw new Error(
    `Could not start Chromium at ${chromiumLaunchOptions.executablePath} (${String(error)}). Install Debian's chromium package or set PINCH_CHROMIUM to its path.`,
  );
});
try {
  for (const job of jobs) await renderIcon(browser, svg, job);
} finally {
  await browser.close();
}
