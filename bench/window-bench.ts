/**
 * The window's timings, run by `npm run bench` (they are no longer asserted in
 * the test suite, where a loaded machine made them flaky): first paint after
 * a load, and the Pairing view with 1,000 approved senders. The renderer is
 * the harness build, served from 127.0.0.1, in Debian's Chromium, with the
 * real core behind the WebSocket bridge, exactly as the browser tests run it.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../scripts/chromium-launch.ts";
import { startCore } from "../test/e2e/core-harness.ts";
import { harnessRendererDir, startRendererServer } from "../test/e2e/serve-renderer.ts";
import { percentile } from "./percentile.ts";

const LOADS = 5;

export async function runWindowBench(record: (line: string) => void): Promise<void> {
  const root = path.resolve(import.meta.dirname, "..");
  execFileSync(
    process.execPath,
    [path.join(root, "node_modules", "vite", "bin", "vite.js"), "build", "--mode", "harness"],
    {
      cwd: root,
      stdio: "ignore",
    },
  );
  const core = await startCore({ imessage: { dmPolicy: "pairing" } });
  const server = await startRendererServer(harnessRendererDir);
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 860, height: 580 } });
    await page.goto(`${server.url}#bridge=${encodeURIComponent(core.bridge.connectUrl)}`);
    const paints: number[] = [];
    for (let load = 0; load < LOADS; load++) {
      if (load > 0) await page.reload();
      await page.getByRole("heading", { name: "Pinch", exact: true }).waitFor();
      paints.push(await firstPaint(page));
    }
    record(
      `window first paint after load: median ${percentile(paints, 50).toFixed(0)} ms (${paints.map(Math.round).join(", ")})`,
    );
    record(await pairingTimings(page, core.stateDir));
  } finally {
    await browser.close();
    await server.close();
    await core.close();
  }
}

async function firstPaint(page: Page): Promise<number> {
  // A string: this file is compiled for Node, which has no DOM performance types.
  return (await page.evaluate(`(() => {
    const first = performance.getEntriesByType("paint").find((entry) => entry.name === "first-contentful-paint");
    const nav = performance.getEntriesByType("navigation")[0];
    return first && nav ? first.startTime - nav.responseEnd : NaN;
  })()`)) as number;
}

async function pairingTimings(page: Page, stateDir: string): Promise<string> {
  const approved = Array.from({ length: 1000 }, (_, index) => {
    const sender = `+1555${String(index).padStart(7, "0")}`;
    return { sender, key: sender, approvedAt: Date.now() - index * 1000 };
  });
  const file = path.join(stateDir, "imessage", "default", "pairing.json");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ version: 1, requests: [], approved, notify: [] }));
  const opening = performance.now();
  await page.getByRole("button", { name: "Pairing" }).click();
  await page.getByText("1000 approved", { exact: false }).waitFor();
  const opened = performance.now() - opening;
  const typing = performance.now();
  await page.getByRole("searchbox", { name: "Find an approved sender" }).fill("5550000999");
  await page.getByRole("button", { name: "Remove +15550000999" }).waitFor();
  const filtered = performance.now() - typing;
  const removing = performance.now();
  await page.getByRole("button", { name: "Remove +15550000999" }).click();
  await page.getByText("0 of 999 approved").waitFor();
  const removed = performance.now() - removing;
  return `Pairing with 1,000 approved senders: open ${opened.toFixed(0)} ms, filter ${filtered.toFixed(0)} ms, remove one ${removed.toFixed(0)} ms`;
}
