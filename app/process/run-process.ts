import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";

/** How a program ended and what it printed; one that could not start has `spawnError`. */
export interface ProcessResult {
  /** Null when a signal ended the program or it never started. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** It ran past `timeoutMs` and was killed. */
  timedOut: boolean;
  spawnError?: SpawnError;
}

export interface SpawnError {
  /** The errno code, such as ENOENT or EACCES. */
  code: string;
  /** `could not run FILE: reason`, ready to show. */
  message: string;
}

export interface RunProcessOptions {
  timeoutMs: number;
  /** Written to stdin, which is then closed; without it stdin closes at once, so nothing waits on it. */
  input?: string;
  env?: NodeJS.ProcessEnv;
  /** Run as this user and group (the caller must be root to pick another user's). */
  uid?: number;
  gid?: number;
}

/**
 * Runs a program to completion with an argument array: no shell ever sees
 * the arguments, so a host or path cannot smuggle in a command. Every way it
 * can end, a failure to start included, comes back as a value: callers need
 * the exit code and stderr of a failure, never an exception.
 */
export function runProcess(file: string, args: string[], options: RunProcessOptions): Promise<ProcessResult> {
  return new Promise((resolve) => {
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawn(file, args, {
        stdio: ["pipe", "pipe", "pipe"],
        ...(options.env ? { env: options.env } : {}),
        ...(options.uid !== undefined ? { uid: options.uid } : {}),
        ...(options.gid !== undefined ? { gid: options.gid } : {}),
      });
    } catch (error) {
      // Arguments node refuses outright (a NUL byte in a path) never reach a program.
      resolve({ ...NOT_STARTED, spawnError: spawnErrorOf(file, error as NodeJS.ErrnoException) });
      return;
    }
    const { stdin, stdout, stderr } = child;
    let out = "";
    let err = "";
    let timedOut = false;
    let spawnError: SpawnError | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
      // A grandchild may still hold the pipes open; the result must not wait for it.
      stdout.destroy();
      stderr.destroy();
    }, options.timeoutMs);
    stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
    });
    stderr.setEncoding("utf8").on("data", (chunk: string) => {
      err += chunk;
    });
    stdin.on("error", () => {
      // The program may exit without reading its input; its exit status tells what happened.
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      spawnError = spawnErrorOf(file, error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({
        exitCode: spawnError ? null : code,
        signal,
        stdout: out,
        stderr: err,
        timedOut,
        ...(spawnError ? { spawnError } : {}),
      });
    });
    stdin.end(options.input ?? "");
  });
}

const NOT_STARTED = { exitCode: null, signal: null, stdout: "", stderr: "", timedOut: false } as const;

function spawnErrorOf(file: string, error: NodeJS.ErrnoException): SpawnError {
  return { code: error.code ?? "UNKNOWN", message: `could not run ${file}: ${error.message}` };
}

/** Why a run did not succeed, in a few words for a message: no start, the timeout, stderr's last line, or how it exited. */
export function describeFailure(result: ProcessResult): string {
  if (result.spawnError) return result.spawnError.message;
  if (result.timedOut) return "it did not answer in time";
  const lastLine = result.stderr.trim().split("\n").pop();
  if (lastLine) return lastLine;
  return result.signal ? `ended by ${result.signal}` : `exit code ${result.exitCode}`;
}
