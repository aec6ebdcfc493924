// Builds the harness renderer (the production page, plus the WebSocket bridge in its CSP) once
// before the browser tests; about a second.
import { execFileSync } from "node:child_process";
import path from "node:path";

export default function globalSetup(): void {
  const root = path.resolve(import.meta.dirname, "..", "..");
  execFileSync(
    process.execPath,
    [
      path.join(root, "node_modules", "vite", "bin", "vite.js"),
      "build",
      "--mode",
      "harness",
      "--logLevel",
      "warn",
    ],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
}
