/**
 * The whole suite, as CI and a newcomer run it (`npm test`): lint, type
 * checks, the unit and integration tests, then the browser tests against the
 * built renderer. Ends with one line `tests: N passed, N failed, N skipped`
 * summed over both runners, and exits non-zero if any stage failed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const output = path.join(root, "test-output");
mkdirSync(output, { recursive: true });

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const stages: { name: string; command: string[] }[] = [
  { name: "lint", command: ["biome", "check", "."] },
  { name: "typecheck (core, tests)", command: ["tsc", "-p", "tsconfig.node.json"] },
  { name: "typecheck (Electron main)", command: ["tsc", "-p", "tsconfig.main.json"] },
  { name: "typecheck (renderer)", command: ["tsc", "-p", "tsconfig.web.json"] },
  { name: "build", command: ["npm", "run", "--silent", "build"] },
  {
    name: "unit and integration tests",
    command: [
      "vitest",
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${path.join(output, "vitest-results.json")}`,
    ],
  },
  { name: "browser tests", command: ["playwright", "test"] },
];

const failedStages: string[] = [];
for (const stage of stages) {
  process.stdout.write(`\n== ${stage.name}\n`);
  const [command, ...args] = stage.command as [string, ...string[]];
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) failedStages.push(stage.name);
}

const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
add(totals, vitestCounts(path.join(output, "vitest-results.json")));
add(totals, playwrightCounts(path.join(output, "playwright-results.json")));

if (failedStages.length > 0) process.stdout.write(`\nfailed stages: ${failedStages.join(", ")}\n`);
process.stdout.write(
  `\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
);
process.exit(failedStages.length > 0 || totals.failed > 0 ? 1 : 0);

function add(into: Counts, counts: Counts): void {
  into.passed += counts.passed;
  into.failed += counts.failed;
  into.skipped += counts.skipped;
}

function readJson(file: string): unknown {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function vitestCounts(file: string): Counts {
  const report = readJson(file) as
    | { numPassedTests?: number; numFailedTests?: number; numPendingTests?: number; numTodoTests?: number }
    | undefined;
  return {
    passed: report?.numPassedTests ?? 0,
    failed: report?.numFailedTests ?? 0,
    skipped: (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0),
  };
}

function playwrightCounts(file: string): Counts {
  const report = readJson(file) as
    | { stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number } }
    | undefined;
  const stats = report?.stats ?? {};
  return {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: stats.unexpected ?? 0,
    skipped: stats.skipped ?? 0,
  };
}
