// Integration tests run `bin/pinch.js`, which prefers the bundled CLI in dist/. Rebuilding it
// first (about 0.1 s) means a test never runs a bundle older than the source it is meant to test.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL("../scripts/build-node.ts", import.meta.url))], {
    stdio: "ignore",
  });
}
