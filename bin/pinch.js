#!/usr/bin/env node
// The `pinch` command. `npm run build` bundles the core into dist/cli/pinch.mjs; without a build
// (working on the source) the TypeScript is run directly by Node's type stripping. Both need
// Node 24, the runtime Electron 41 ships.
import { existsSync } from "node:fs";

const major = Number(process.versions.node.split(".")[0]);
if (major < 24) {
  process.stderr.write(
    `pinch needs Node 24 or newer (this is ${process.versions.node}); run it through npm (npx pinch …) so the bundled Node is used.\n`,
  );
  process.exit(2);
}
const bundle = new URL("../dist/cli/pinch.mjs", import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : "../app/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
