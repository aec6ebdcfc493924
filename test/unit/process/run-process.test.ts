import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeFailure, runProcess } from "../../../app/process/run-process.ts";

const dir = mkdtempSync(path.join(tmpdir(), "pinch-run-process-"));

function script(name: string, body: string, mode = 0o755): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, mode);
  return file;
}

describe("running a program to completion", () => {
  it("gives its exit code, stdout and stderr", async () => {
    const result = await runProcess(script("prints", "echo out; echo err >&2; exit 3"), [], {
      timeoutMs: 5_000,
    });
    expect(result).toEqual({ exitCode: 3, signal: null, stdout: "out\n", stderr: "err\n", timedOut: false });
  });

  it("passes each argument as one word, never through a shell", async () => {
    const marker = path.join(dir, "marker");
    const result = await runProcess("/bin/echo", [`a b; touch ${marker}`, "$HOME"], { timeoutMs: 5_000 });
    expect(result.stdout).toBe(`a b; touch ${marker} $HOME\n`);
  });

  it("writes the input to stdin and closes it", async () => {
    const result = await runProcess("/bin/cat", [], { timeoutMs: 5_000, input: "hello\n" });
    expect(result).toMatchObject({ exitCode: 0, stdout: "hello\n" });
  });

  it("closes stdin at once without input, so a program reading it does not wait", async () => {
    const result = await runProcess("/bin/cat", [], { timeoutMs: 5_000 });
    expect(result).toMatchObject({ exitCode: 0, stdout: "", timedOut: false });
  });

  it("runs with the environment it is given", async () => {
    const result = await runProcess(script("env", 'echo "$PINCH_PROBE"'), [], {
      timeoutMs: 5_000,
      env: { ...process.env, PINCH_PROBE: "given" },
    });
    expect(result.stdout).toBe("given\n");
  });

  it("kills a program that runs past the timeout and says so", async () => {
    const started = Date.now();
    const result = await runProcess(script("sleeps", "exec sleep 30"), [], { timeoutMs: 200 });
    expect(result).toMatchObject({ timedOut: true, exitCode: null, signal: "SIGKILL" });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("does not wait for a grandchild that still holds the output open after the timeout", async () => {
    const started = Date.now();
    const result = await runProcess(script("forks", "sleep 10 & wait"), [], { timeoutMs: 200 });
    expect(result.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("reports a program that does not exist as a spawn error with its errno code, without throwing", async () => {
    const missing = path.join(dir, "no-such-program");
    const result = await runProcess(missing, [], { timeoutMs: 5_000 });
    expect(result).toMatchObject({ exitCode: null, timedOut: false });
    expect(result.spawnError).toEqual({ code: "ENOENT", message: expect.stringContaining(missing) });
  });

  it("reports arguments no program can receive as a spawn error, without throwing", async () => {
    const result = await runProcess("/bin/echo", ["a\u0000b"], { timeoutMs: 5_000 });
    expect(result.spawnError?.code).toBe("ERR_INVALID_ARG_VALUE");
  });
});

describe("why a run failed, in a few words", () => {
  it("is the spawn error, the timeout, stderr's last line, or the exit code", async () => {
    const missing = await runProcess(path.join(dir, "absent"), [], { timeoutMs: 5_000 });
    expect(describeFailure(missing)).toMatch(/^could not run .*absent/);
    const slow = await runProcess(script("slow", "exec sleep 30"), [], { timeoutMs: 200 });
    expect(describeFailure(slow)).toBe("it did not answer in time");
    const noisy = await runProcess(script("noisy", "echo first >&2; echo last >&2; exit 1"), [], {
      timeoutMs: 5_000,
    });
    expect(describeFailure(noisy)).toBe("last");
    const quiet = await runProcess(script("quiet", "exit 4"), [], { timeoutMs: 5_000 });
    expect(describeFailure(quiet)).toBe("exit code 4");
  });
});
