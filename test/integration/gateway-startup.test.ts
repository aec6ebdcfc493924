import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PINCH_BIN, waitFor } from "./gateway-harness.ts";

function launch(config: unknown, extraArgs: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), "pinch-start-"));
  writeFileSync(join(dir, "pinch.json5"), JSON.stringify(config));
  const child = spawn(
    process.execPath,
    [
      PINCH_BIN,
      "gateway",
      "--config",
      join(dir, "pinch.json5"),
      "--state-dir",
      join(dir, "state"),
      ...extraArgs,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let output = "";
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { child, exited, output: () => output };
}

describe("pinch gateway start-up", () => {
  it("reports a missing imsg clearly, keeps retrying, and still stops cleanly", async () => {
    const run = launch({ channels: { imessage: { cliPath: "/nonexistent/imsg" } } });
    await waitFor(() => /could not start \/nonexistent\/imsg/.test(run.output()), 5_000, run.output);
    expect(run.child.exitCode).toBeNull();
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  });

  it("logs JSON lines with --log-format json", async () => {
    const run = launch({ channels: { imessage: { cliPath: "/nonexistent/imsg" } } }, [
      "--log-format",
      "json",
    ]);
    await waitFor(() => run.output().includes("\n"), 5_000, run.output);
    run.child.kill("SIGTERM");
    await run.exited;
    const lines = run.output().trim().split("\n");
    for (const line of lines)
      expect(JSON.parse(line)).toMatchObject({ level: expect.any(String), msg: expect.any(String) });
  });
});
