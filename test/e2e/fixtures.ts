// One set of fixtures for two targets: the built renderer in Chromium (default), or the packaged app
// through Playwright's Electron launcher when PINCH_E2E_TARGET=electron. Specs get the same `page`.
import { existsSync } from "node:fs";
import path from "node:path";
import { _electron, test as base, type Page } from "@playwright/test";
import { type CoreHarness, type CoreSetup, startCore } from "./core-harness.ts";
import { harnessRendererDir, startRendererServer } from "./serve-renderer.ts";

export { expect } from "@playwright/test";

export type E2eTarget = "browser" | "electron";
export const target: E2eTarget = process.env.PINCH_E2E_TARGET === "electron" ? "electron" : "browser";

const repoRoot = path.resolve(import.meta.dirname, "..", "..");
export const screenshotDir = path.join(repoRoot, "test-output", "screenshots");

interface TestFixtures {
  /** The core behind the page, set per file or describe with `test.use({ coreSetup })`; false: no core at all. */
  coreSetup: CoreSetup | false;
  /** The core, or undefined when `coreSetup` is false. */
  maybeCore: CoreHarness | undefined;
  core: CoreHarness;
  /** Console errors, uncaught exceptions, failed requests and CSP violations seen so far. */
  problems: () => Promise<string[]>;
  problemLog: string[];
}

interface WorkerFixtures {
  rendererUrl: string;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  coreSetup: [{}, { option: true }],

  maybeCore: async ({ coreSetup }, use) => {
    if (coreSetup === false || target === "electron") {
      await use(undefined);
      return;
    }
    const core = await startCore(coreSetup);
    await use(core);
    await core.close();
  },

  core: async ({ maybeCore }, use, testInfo) => {
    testInfo.skip(target === "electron", "the packaged app runs its own core");
    if (!maybeCore) throw new Error("this test runs without a core (coreSetup: false)");
    await use(maybeCore);
  },

  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  problemLog: async ({}, use) => {
    await use([]);
  },

  rendererUrl: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      if (!existsSync(path.join(harnessRendererDir, "index.html"))) {
        throw new Error(`${harnessRendererDir}/index.html is missing: the global setup builds it.`);
      }
      const server = await startRendererServer(harnessRendererDir);
      await use(server.url);
      await server.close();
    },
    { scope: "worker" },
  ],

  // Playwright starts only the fixtures a function names in its first parameter, so the Electron
  // variant, which does not name the built-in `page`, never launches Chromium.
  page:
    target === "electron"
      ? async ({ problemLog }, use) => {
          await useElectronWindow(problemLog, use);
        }
      : async ({ page, rendererUrl, maybeCore, problemLog }, use) => {
          recordProblems(page, problemLog);
          await page.addInitScript(recordCspViolations);
          const bridge = maybeCore ? `#bridge=${encodeURIComponent(maybeCore.bridge.connectUrl)}` : "";
          await page.goto(`${rendererUrl}${bridge}`);
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
    if (message.type() === "error") log.push(`console error: ${message.text()} (${message.location().url})`);
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

export function screenshotPath(name: string): string {
  return path.join(screenshotDir, `${name}.png`);
}
