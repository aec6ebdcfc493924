import { spawn } from "node:child_process";

/** What a finished tool printed and how it ended; a tool that could not start has `spawnError`. */
export interface ToolResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  spawnError?: string;
}

export interface RunToolOptions {
  timeoutMs: number;
  input?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs one OpenSSH tool with an argument array: no shell ever sees the
 * arguments, so a host or path cannot smuggle in a command. Never throws.
 */
export function runTool(command: string, args: string[], options: RunToolOptions): Promise<ToolResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: ["pipe", "pipe", "pipe"],
      ...(options.env ? { env: options.env } : {}),
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    let spawnError: string | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdin.on("error", () => {
      // The tool may exit without reading its input; its exit status tells what happened.
    });
    child.on("error", (error) => {
      spawnError = `could not run ${command}: ${error.message}`;
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut, ...(spawnError ? { spawnError } : {}) });
    });
    child.stdin.end(options.input ?? "");
  });
}
