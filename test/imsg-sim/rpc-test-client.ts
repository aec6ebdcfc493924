/**
 * A deliberately small JSON-RPC client for the simulator's own tests: spawn
 * `imsg rpc`, send requests, match responses by id, collect every stdout line.
 * It is not the gateway's client (that one lives in app/imsg/); it trusts
 * nothing and records everything so tests can inspect the raw wire.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { StringDecoder } from "node:string_decoder";
import { imsgShimPath, LEGACY_IMSG_ENV } from "./sim-db.ts";

export type Frame = Record<string, unknown>;

export class RpcCallError extends Error {
  readonly code: number;
  readonly data: unknown;

  constructor(method: string, error: { code: number; message: string; data?: unknown }) {
    const data = typeof error.data === "string" ? error.data : JSON.stringify(error.data);
    super(`${method} failed: ${error.code} ${error.message}${error.data === undefined ? "" : ` (${data})`}`);
    this.code = error.code;
    this.data = error.data;
  }
}

export interface SpawnRpcOptions {
  dbPath?: string;
  /** "legacy": imsg 0.9. The default is imsg 0.15 (protocol 1). */
  protocol?: "legacy" | "protocol1";
  /** Extra arguments after `rpc` (for example `--db` spelled another way). */
  args?: string[];
  env?: Record<string, string | undefined>;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class RpcTestClient {
  readonly child: ChildProcessWithoutNullStreams;
  /** Every complete stdout line, as written. */
  readonly lines: string[] = [];
  /** Lines that parsed as JSON objects. */
  readonly frames: Frame[] = [];
  readonly exited: Promise<ExitStatus>;
  stderr = "";
  exitStatus: ExitStatus | undefined;
  private nextId = 1;
  private readonly waiters = new Set<() => void>();
  private partial: string[] = [];

  private constructor(child: ChildProcessWithoutNullStreams) {
    this.child = child;
    const decoder = new StringDecoder("utf8");
    child.stdout.on("data", (chunk: Buffer) => this.accept(decoder.write(chunk)));
    child.stderr.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString("utf8");
    });
    // A test may close stdin on purpose, or the child may die first; neither is a test error.
    child.stdin.on("error", () => {});
    // "close" rather than "exit": it comes after the last stdout bytes have been read.
    this.exited = new Promise((resolve) => {
      child.on("close", (code, signal) => {
        this.exitStatus = { code, signal };
        this.wake();
        resolve({ code, signal });
      });
    });
  }

  static spawn(options: SpawnRpcOptions = {}): RpcTestClient {
    const args = ["rpc", ...(options.dbPath ? ["--db", options.dbPath] : []), ...(options.args ?? [])];
    const child = spawn(imsgShimPath(), args, {
      env: {
        ...process.env,
        IMSG_SIM_POLL_MS: "10",
        ...(options.protocol === "legacy" ? LEGACY_IMSG_ENV : {}),
        ...options.env,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    return new RpcTestClient(child);
  }

  /** Sends a request and resolves with its whole response frame (result or error). */
  async call(method: string, params?: unknown, timeoutMs = 5_000): Promise<Frame> {
    const id = this.nextId;
    this.nextId += 1;
    this.writeLine(
      JSON.stringify({ jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) }),
    );
    return this.waitFor(
      () => this.frames.find((frame) => frame.id === id && !("method" in frame)),
      timeoutMs,
      method,
    );
  }

  /** Sends a request and resolves with its result, or rejects with an RpcCallError. */
  async request(method: string, params?: unknown, timeoutMs = 5_000): Promise<unknown> {
    const frame = await this.call(method, params, timeoutMs);
    if ("error" in frame) throw new RpcCallError(method, frame.error as { code: number; message: string });
    return frame.result;
  }

  writeLine(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  notificationsOf(method: string): Frame[] {
    return this.frames.filter((frame) => frame.method === method && !("id" in frame));
  }

  /** The `message` payloads received so far, optionally for one subscription. */
  messages(subscription?: number): Frame[] {
    return this.notificationsOf("message")
      .map((frame) => frame.params as { subscription: number; message: Frame })
      .filter((params) => subscription === undefined || params.subscription === subscription)
      .map((params) => params.message);
  }

  async waitForMessages(count: number, subscription?: number, timeoutMs = 5_000): Promise<Frame[]> {
    return this.waitFor(
      () => {
        const messages = this.messages(subscription);
        return messages.length >= count ? messages : undefined;
      },
      timeoutMs,
      `${count} message notifications`,
    );
  }

  /** Re-checks `probe` on every stdout line and on exit until it returns something. */
  waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value !== undefined) {
          finish();
          resolve(value);
        } else if (this.exitStatus) {
          finish();
          reject(
            new Error(
              `imsg exited (${JSON.stringify(this.exitStatus)}) before ${what}; stderr: ${this.stderr}`,
            ),
          );
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${what}; stderr: ${this.stderr.slice(-500)}`,
          ),
        );
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  closeStdin(): void {
    this.child.stdin.end();
  }

  /** Closes stdin and waits for the exit, killing the child if it lingers. */
  async close(timeoutMs = 3_000): Promise<ExitStatus> {
    this.closeStdin();
    const timer = setTimeout(() => this.child.kill("SIGKILL"), timeoutMs);
    const status = await this.exited;
    clearTimeout(timer);
    return status;
  }

  private accept(text: string): void {
    // Split only on "\n"; a JSON string may carry U+2028/U+2029 unescaped.
    let start = 0;
    let newline = text.indexOf("\n");
    while (newline >= 0) {
      this.partial.push(text.slice(start, newline));
      this.addLine(this.partial.join(""));
      this.partial = [];
      start = newline + 1;
      newline = text.indexOf("\n", start);
    }
    if (start < text.length) this.partial.push(text.slice(start));
    this.wake();
  }

  private addLine(line: string): void {
    this.lines.push(line);
    try {
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
        this.frames.push(parsed as Frame);
    } catch {
      // Non-JSON lines stay in `lines` only.
    }
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
