#!/usr/bin/env node
// The `pinch` command. The core is TypeScript run by Node's own type
// stripping, which needs Node 24 (the runtime Electron 41 ships).
const major = Number(process.versions.node.split(".")[0]);
if (major < 24) {
  process.stderr.write(
    `pinch needs Node 24 or newer (this is ${process.versions.node}); run it through npm (npx pinch …) so the bundled Node is used.\n`,
  );
  process.exit(2);
}
const { main } = await import("../app/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
