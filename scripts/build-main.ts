// Bundles the Electron main process and the preload into dist/main as CommonJS. The preload runs
// sandboxed, where only `require("electron")` works: no ES modules and no node_modules, so every
// other import has to be inlined. Run with `npx node scripts/build-main.ts`.
import path from "node:path";
import { build } from "esbuild";

const rootDir = path.resolve(import.meta.dirname, "..");

await build({
  absWorkingDir: rootDir,
  entryPoints: { main: "main/main.ts", preload: "main/preload.ts" },
  outdir: "dist/main",
  outExtension: { ".js": ".cjs" },
  bundle: true,
  platform: "node",
  format: "cjs",
  // Electron 41 embeds Node 24 and Chromium 146; both read this syntax level natively.
  target: "node24",
  external: ["electron"],
  sourcemap: "linked",
  logLevel: "info",
});
