// Bundles the Node side of Pinch into dist/:
// - the Electron main process and the preload, as CommonJS in dist/main. The preload runs
//   sandboxed, where only `require("electron")` works (no ES modules, no node_modules), so every
//   other import is inlined.
// - the `pinch` CLI, as one ES module in dist/cli. Loading one bundled file instead of type-stripping
//   some sixty TypeScript modules at every start halves start-up time and saves about 40 MB of memory.
// Run with `npx node scripts/build-node.ts` (part of `npm run build`).
import path from "node:path";
import { build } from "esbuild";

const rootDir = path.resolve(import.meta.dirname, "..");
// Electron 41 embeds Node 24 and Chromium 146; both read this syntax level natively.
const shared = {
  absWorkingDir: rootDir,
  bundle: true,
  platform: "node",
  target: "node24",
  logLevel: "info",
} as const;

await Promise.all([
  build({
    ...shared,
    entryPoints: { main: "main/main.ts", preload: "main/preload.ts" },
    outdir: "dist/main",
    outExtension: { ".js": ".cjs" },
    format: "cjs",
    external: ["electron"],
    sourcemap: "linked",
  }),
  build({
    ...shared,
    entryPoints: { pinch: "app/cli/main.ts" },
    outdir: "dist/cli",
    outExtension: { ".js": ".mjs" },
    format: "esm",
    // Commands and the model runtime load on first use from chunks of their own, so a gateway
    // running the echo agent never parses the AI SDK.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    // Some bundled CommonJS dependencies (the AI SDK's) call require() for Node built-ins,
    // which an ES module does not have: give the bundle one.
    banner: {
      js: 'import { createRequire as pinchCreateRequire } from "node:module"; const require = pinchCreateRequire(import.meta.url);',
    },
  }),
]);
