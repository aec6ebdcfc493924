import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const rootDir = import.meta.dirname;

/**
 * The dev server injects CSS as <style> elements and React Refresh as an inline <script>, which the
 * production policy in renderer/index.html forbids. Widen the policy for `vite serve` only; the built
 * page keeps the strict one (the e2e suite checks that it loads without a single violation).
 */
function devServerCsp(): Plugin {
  return {
    name: "pinch-dev-server-csp",
    apply: "serve",
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
    },
  };
}

/**
 * The harness build (`vite build --mode harness`, used by the browser tests and `npm run demo`)
 * reaches the core through the WebSocket bridge on loopback; only that build may open it.
 */
function harnessCsp(mode: string): Plugin {
  return {
    name: "pinch-harness-csp",
    transformIndexHtml(html) {
      return mode === "harness"
        ? html.replace("connect-src 'self'", "connect-src 'self' ws://127.0.0.1:*")
        : html;
    },
  };
}

export const harnessOutDir = path.join(rootDir, "dist", "renderer-harness");

export default defineConfig(({ mode }) => ({
  root: path.join(rootDir, "renderer"),
  // Relative asset URLs, because Electron loads the built page from file://.
  base: "./",
  plugins: [react(), devServerCsp(), harnessCsp(mode)],
  build: {
    outDir: mode === "harness" ? harnessOutDir : path.join(rootDir, "dist", "renderer"),
    emptyOutDir: true,
    target: "chrome140",
    // Electron ships one known Chromium, so there is no need for the module preload polyfill.
    modulePreload: { polyfill: false },
  },
  server: { host: "127.0.0.1", strictPort: false },
}));
