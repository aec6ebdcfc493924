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

// `pinch gateway` runs for weeks, waits on I/O and idles between messages, so it trades a little
// throughput for memory: a small young generation, V8's size-over-speed heuristics (which hand a
// burst's heap back to the system once idle), and Maglev as the top compiler tier (TurboFan's
// code and compile-time memory buy nothing in a process that mostly waits). Measured in
// docs/BENCHMARKS.md. V8 reads these flags only at process start, hence the re-exec (same pid, so
// signals and service managers still see one process). Fewer malloc arenas keep freed memory from
// staying spread over per-thread arenas.
const GATEWAY_V8_FLAGS = ["--optimize-for-size", "--max-semi-space-size=1", "--max-opt=2"];
if (
  process.argv[2] === "gateway" &&
  typeof process.execve === "function" &&
  !GATEWAY_V8_FLAGS.every((flag) => process.execArgv.includes(flag))
) {
  process.execve(
    process.execPath,
    [process.execPath, ...GATEWAY_V8_FLAGS, ...process.execArgv, ...process.argv.slice(1)],
    { MALLOC_ARENA_MAX: "2", ...process.env },
  );
}

const bundle = new URL("../dist/cli/pinch.mjs", import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : "../app/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
