import { execFile } from "node:child_process";

export interface CommandOutcome {
  /** The exit code, or null when the command was killed or could not start. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Set when the command could not start at all (ENOENT, EACCES). */
  spawnErrorCode?: string;
}

/**
 * Runs a command to completion and reports what happened as a value, never a throw: every
 * permission check needs the exit code and stderr of a failure, not an exception.
 */
export function runCommand(
  file: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<CommandOutcome> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        env: options.env ?? process.env,
        timeout: options.timeoutMs,
        killSignal: "SIGKILL",
        encoding: "utf8",
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ exitCode: 0, stdout, stderr, timedOut: false });
          return;
        }
        const failure = error as Error & {
          killed?: boolean;
          signal?: NodeJS.Signals | null;
          code?: string | number | null;
        };
        if (typeof failure.code === "string") {
          resolve({ exitCode: null, stdout, stderr, timedOut: false, spawnErrorCode: failure.code });
          return;
        }
        const timedOut = failure.killed === true && failure.signal === "SIGKILL";
        resolve({
          exitCode: typeof failure.code === "number" ? failure.code : null,
          stdout,
          stderr,
          timedOut,
        });
      },
    );
  });
}
