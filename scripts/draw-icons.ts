// Renders the PNG art in resources/ from resources/lobster.svg through headless Chromium, so the
// drawing has one source: the menu-bar template (@1x, @2x), the app icon and the dmg window's
// background. Run after changing the SVG: `npx node scripts/draw-icons.ts`.

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

// The dmg window (540 × 380 points, the size electron-builder gives it): the app icon sits on the
// left and the Applications link on the right (their places are `dmg.contents` in
// electron-builder.yml), with an arrow and a line of text between them.
const dmgStyle = `
  body { width: 540px; height: 380px; overflow: hidden; font: 15px -apple-system, "Helvetica Neue", sans-serif;
    background: radial-gradient(120% 90% at 50% 0%, #fffaf5 0%, #fbe7da 100%); color: #5b2a1e; }
  .mark { position: absolute; left: 250px; top: 26px; width: 40px; height: 40px; }
  .mark svg { width: 40px; height: 40px; }
  .arrow { position: absolute; left: 205px; top: 188px; width: 130px; height: 40px; }
  .hint { position: absolute; left: 0; right: 0; top: 306px; text-align: center; letter-spacing: 0.01em; }
`;
const dmgArrow = `<svg class="arrow" viewBox="0 0 130 40" fill="none" stroke="#c9553d" stroke-width="4"
  stroke-linecap="round" stroke-linejoin="round"><path d="M6 20 H118 M100 6 L120 20 L100 34"/></svg>`;

// The menu-bar variants: the glyph with its lower right corner cut away and a mark in it, so the mark reads as its
// own shape in a one-colour template image. "attention": something is wrong (a failing model, an
// account that needs permission); "paused": replies are paused.
const cornerCut = `
  .glyph svg { -webkit-mask: radial-gradient(circle at 14.5px 14.5px, transparent 4.4px, #000 4.6px); }
  .badge { position: absolute; left: 11.5px; top: 11.5px; width: 6px; height: 6px; }
`;
const badges = {
  attention: `<svg class="badge" viewBox="0 0 6 6"><circle cx="3" cy="3" r="3" fill="#000"/></svg>`,
  paused: `<svg class="badge" viewBox="0 0 6 6" fill="#000"><rect x="0.4" y="0" width="2" height="6" rx="0.5"/><rect x="3.6" y="0" width="2" height="6" rx="0.5"/></svg>`,
} as const;

interface IconJob {
  file: string;
  /** CSS pixels of the canvas. */
  width: number;
  height: number;
  deviceScaleFactor: number;
  style: string;
  layout: "glyph" | "tile" | "dmg";
  badge?: keyof typeof badges;
}

const jobs: IconJob[] = [
  {
    file: "trayTemplate.png",
    width: 18,
    height: 18,
    deviceScaleFactor: 1,
    style: trayStyle,
    layout: "glyph",
  },
  {
    file: "trayTemplate@2x.png",
    width: 18,
    height: 18,
    deviceScaleFactor: 2,
    style: trayStyle,
    layout: "glyph",
  },
  ...(["attention", "paused"] as const).flatMap((badge) =>
    [1, 2].map(
      (scale): IconJob => ({
        file: `trayTemplate-${badge}${scale === 2 ? "@2x" : ""}.png`,
        width: 18,
        height: 18,
        deviceScaleFactor: scale,
        style: trayStyle + cornerCut,
        layout: "glyph",
        badge,
      }),
    ),
  ),
  { file: "icon.png", width: 1024, height: 1024, deviceScaleFactor: 1, style: appIconStyle, layout: "tile" },
  {
    file: "dmg-background.png",
    width: 540,
    height: 380,
    deviceScaleFactor: 1,
    style: dmgStyle,
    layout: "dmg",
  },
];

function pageBody(svg: string, layout: IconJob["layout"], badge: IconJob["badge"]): string {
  if (layout === "tile") return `<div class="tile">${svg}</div>`;
  if (badge) return `<div class="glyph">${svg}</div>${badges[badge]}`;
  if (layout === "dmg") {
    return `<div class="mark">${svg}</div>${dmgArrow}<div class="hint">Drag Pinch to Applications, then open it from there.</div>`;
  }
  return svg;
}

async function renderIcon(browser: Browser, svg: string, job: IconJob): Promise<void> {
  const page = await browser.newPage({
    viewport: { width: job.width, height: job.height },
    deviceScaleFactor: job.deviceScaleFactor,
  });
  await page.setContent(`<!doctype html>
    <style>
      html, body { margin: 0; background: transparent; }
      svg { display: block; width: ${job.width}px; height: ${job.height}px; }
      ${job.style}
    </style>
    ${pageBody(svg, job.layout, job.badge)}`);
  const target = path.join(resourcesDir, job.file);
  await page.screenshot({ path: target, omitBackground: job.layout !== "dmg" });
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
