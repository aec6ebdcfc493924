// One set of fixtures for two targets: the built renderer in Chromium (default), or the packaged app
// through Playwright's Electron launcher when PINCH_E2E_TARGET=electron. Specs get the same `page`.
import { existsSync } from "node:fs";
import path from "node:path";
import { _electron, test as base, type Page } from "@playwright/test";
import type { GatewayStatus } from "../../renderer/bridge/pinch-api.ts";
import { builtRendererDir, startRendererServer } from "./serve-renderer.ts";

export { expect } from "@playwright/test";

export type E2eTarget = "browser" | "electron";
export const target: E2eTarget = process.env.PINCH_E2E_TARGET === "electron" ? "electron" : "browser";

const repoRoot = path.resolve(import.meta.dirname, "..", "..");
export const screenshotDir = path.join(repoRoot, "test-output", "screenshots");

/** What the stand-in `window.pinch` answers in the browser target; undefined leaves it absent. */
export type FakeBridge = { status: GatewayStatus } | { failWith: string };

interface TestFixtures {
  fakeBridge: FakeBridge | undefined;
  /** Console errors, uncaught exceptions, failed requests and CSP violations seen so far. */
  problems: () => Promise<string[]>;
  problemLog: string[];
}

interface WorkerFixtures {
  rendererUrl: string;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  fakeBridge: [undefined, { option: true }],

  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  problemLog: async ({}, use) => {
    await use([]);
  },

  rendererUrl: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      if (!existsSync(path.join(builtRendererDir, "index.html"))) {
        throw new Error(
          `${builtRendererDir}/index.html is missing: run \`npx vite build\` before the e2e suite.`,
        );
      }
      const server = await startRendererServer();
      await use(server.url);
      await server.close();
    },
    { scope: "worker" },
  ],

  // Playwright starts only the fixtures a function names in its first parameter, so the Electron
  // variant, which does not name the built-in `page`, never launches Chromium.
  page:
    target === "electron"
      ? async ({ fakeBridge, problemLog }, use, testInfo) => {
          testInfo.skip(
            fakeBridge !== undefined,
            "the packaged app talks to its real gateway, not a stand-in",
          );
          await useElectronWindow(problemLog, use);
        }
      : async ({ page, rendererUrl, fakeBridge, problemLog }, use) => {
          recordProblems(page, problemLog);
          await page.addInitScript(recordCspViolations);
          if (fakeBridge) await page.addInitScript(installFakeBridge, fakeBridge);
          await page.goto(rendererUrl);
          await use(page);
        },

  problems: async ({ page, problemLog }, use) => {
    await use(async () => {
      const violations = await page.evaluate(() => {
        const probe = globalThis as { __pinchCspViolations?: string[] };
        return probe.__pinchCspViolations ?? [];
      });
      return [...problemLog, ...violations.map((violation) => `CSP violation: ${violation}`)];
    });
  },
});

async function useElectronWindow(problemLog: string[], use: (page: Page) => Promise<void>): Promise<void> {
  if (!existsSync(path.join(repoRoot, "dist", "main", "main.cjs"))) {
    throw new Error("dist/main/main.cjs is missing: build the app (npm run build) first.");
  }
  const app = await _electron.launch({ args: [repoRoot], cwd: repoRoot });
  try {
    const window = await app.firstWindow();
    recordProblems(window, problemLog);
    // The first load happened before the probe existed; reload so it watches the page from the start.
    await window.addInitScript(recordCspViolations);
    await window.reload();
    await use(window);
  } finally {
    await app.close();
  }
}

function recordProblems(page: Page, log: string[]): void {
  page.on("console", (message) => {
    if (message.type() === "error") log.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => log.push(`uncaught: ${error.message}`));
  page.on("requestfailed", (request) => log.push(`request failed: ${request.url()}`));
}

/** Runs in the page before its own scripts. Kept free of DOM types: this file is compiled for Node. */
function recordCspViolations(): void {
  interface ViolationEvent {
    violatedDirective: string;
    blockedURI: string;
  }
  const scope = globalThis as unknown as {
    __pinchCspViolations: string[];
    addEventListener(type: "securitypolicyviolation", listener: (event: ViolationEvent) => void): void;
  };
  scope.__pinchCspViolations = [];
  scope.addEventListener("securitypolicyviolation", (event) => {
    scope.__pinchCspViolations.push(
      `${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`,
    );
  });
}

/** Runs in the page: a stand-in for the preload's `window.pinch`, plus a hook to push status changes. */
function installFakeBridge(setup: FakeBridge): void {
  type Listener = (status: GatewayStatus) => void;
  const listeners = new Set<Listener>();
  const bridge = {
    getStatus: () =>
      "status" in setup ? Promise.resolve(setup.status) : Promise.reject(new Error(setup.failWith)),
    onStatus: (listener: Listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  Object.defineProperty(globalThis, "pinch", { value: Object.freeze(bridge) });
  Object.defineProperty(globalThis, "__pinchPushStatus", {
    value: (status: GatewayStatus) => {
      for (const listener of listeners) listener(status);
    },
  });
}

/** Delivers a status change through the stand-in bridge, as the gateway would. */
export async function pushStatus(page: Page, status: GatewayStatus): Promise<void> {
  await page.evaluate((next) => {
    const scope = globalThis as unknown as { __pinchPushStatus(status: GatewayStatus): void };
    scope.__pinchPushStatus(next);
  }, status);
}

export function screenshotPath(name: string): string {
  return path.join(screenshotDir, `${name}.png`);
}
