import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import type { Logger } from "../log/logger.ts";
import { type ImsgMethod, type ImsgParams, type ImsgResult, imsgMethods } from "./imsg-methods.ts";
import { IMSG_TIMEOUTS } from "./imsg-timeouts.ts";
import { LineFramer } from "./line-framer.ts";
import { IncomingFrameSchema } from "./protocol.ts";
import { RpcFailure } from "./rpc-error.ts";

export interface RpcClientOptions {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  log: Logger;
  /** Default per-request timeout; `send` callers pass a longer one. */
  requestTimeoutMs?: number;
  onNotification?: (method: string, params: unknown) => void;
  /** Non-JSON stdout lines: logged here, and offered for classification (old imsg prints permission errors as text). */
  onGarbage?: (line: string) => void;
  /** Each stderr line (ssh's own errors come this way through a wrapper). */
  onStderr?: (line: string) => void;
  onExit?: (info: { code: number | null; signal: NodeJS.Signals | null; error?: Error }) => void;
}

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (error: RpcFailure) => void;
  timer: NodeJS.Timeout;
}

const GRACEFUL_EXIT_MS = 500;
/** Requests in flight to one child at a time (imsg refuses more than 128). */
const MAX_IN_FLIGHT = 32;
const TERM_EXIT_MS = 1_500;

/**
 * One `imsg rpc` child and the JSON-RPC 2.0 conversation with it: request ids,
 * per-request timeouts, notifications, stderr to the log. It never throws from
 * stream events: a dead child, an EPIPE or a garbage line become values.
 */
export class RpcClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, Pending>();
  private readonly options: RpcClientOptions;
  private nextId = 1;
  private slotWaiters: (() => void)[] = [];
  private exited = false;
  private readonly exitPromise: Promise<void>;
  private resolveExit: () => void = () => undefined;

  private constructor(options: RpcClientOptions) {
    this.options = options;
    const log = options.log;
    this.child = spawn(options.command, options.args, {
      env: options.env ?? process.env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.exitPromise = new Promise((resolve) => {
      this.resolveExit = resolve;
    });
    const framer = new LineFramer({
      onLine: (line) => this.handleLine(line),
      onOverflow: (chars) => log.warn("imsg sent an over-long line; dropped it", { chars }),
    });
    const stderrFramer = new LineFramer({
      onLine: (line) => {
        log.debug("imsg stderr", { line: line.slice(0, 500) });
        options.onStderr?.(line);
      },
    });
    this.child.stdout.on("data", (chunk: Buffer) => framer.push(chunk));
    // A child that closed its stdout can never answer again: end it now rather than wait for timeouts.
    this.child.stdout.on("end", () => {
      framer.end();
      this.kill();
    });
    this.child.stderr.on("data", (chunk: Buffer) => stderrFramer.push(chunk));
    // A dying child's last words often lack a newline; "close" comes after this, so they are kept in time.
    this.child.stderr.on("end", () => stderrFramer.end());
    // A write to a dead child surfaces here as EPIPE; the exit handler settles pending calls.
    this.child.stdin.on("error", (error) => {
      log.debug("imsg stdin closed", { error: error.message });
      this.kill();
    });
    let spawnError: Error | undefined;
    this.child.on("error", (error) => {
      spawnError = error;
      if (this.child.pid === undefined) this.finish(null, null, error);
    });
    this.child.on("close", (code, signal) => this.finish(code, signal, spawnError));
  }

  static start(options: RpcClientOptions): RpcClient {
    return new RpcClient(options);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Requests still waiting for an answer (imsg answers them one at a time, in order). */
  get pendingRequests(): number {
    return this.pending.size;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Sends one request of the method map and validates its result with the method's schema. */
  async call<M extends ImsgMethod>(
    method: M,
    params: ImsgParams<M>,
    options: { timeoutMs?: number } = {},
  ): Promise<ImsgResult<M>> {
    // imsg refuses any key it does not document (-32602): a refusal here is a bug in Pinch, not in imsg.
    const checked = imsgMethods[method].params.safeParse(params);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const where = issue?.path.join(".") || "params";
      throw new RpcFailure("invalid-params", method, `Pinch built ${where} wrongly: ${issue?.message}`);
    }
    const raw = await this.request(method, params, options.timeoutMs);
    const parsed = imsgMethods[method].result.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join(".") || "result";
      throw new RpcFailure(
        "invalid-result",
        method,
        `unexpected result shape at ${where}: ${issue?.message}`,
      );
    }
    return parsed.data as ImsgResult<M>;
  }

  private async request(method: string, params: unknown, timeoutMs?: number): Promise<unknown> {
    // imsg answers "Server busy" (-32000) past 128 outstanding requests: wait for a slot well below that.
    while (this.pending.size >= MAX_IN_FLIGHT && !this.exited) {
      await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    }
    if (this.exited) throw new RpcFailure("closed", method, "imsg is not running");
    const id = this.nextId++;
    const frame = `${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`;
    return new Promise((resolve, reject) => {
      const limit = timeoutMs ?? this.options.requestTimeoutMs ?? IMSG_TIMEOUTS.requestMs;
      const timer = setTimeout(() => {
        this.release(id);
        reject(new RpcFailure("timeout", method, `no answer within ${limit} ms`));
      }, limit);
      this.pending.set(id, { method, resolve, reject, timer });
      this.child.stdin.write(frame);
    });
  }

  /** A request is over: its slot goes to the next one waiting. */
  private release(id: number): void {
    this.pending.delete(id);
    this.slotWaiters.shift()?.();
  }

  /** Ends the child politely: close stdin, wait, then SIGTERM, then SIGKILL. */
  async close(): Promise<void> {
    if (this.exited) return;
    this.child.stdin.end();
    if (await this.waitForExit(GRACEFUL_EXIT_MS)) return;
    this.child.kill("SIGTERM");
    if (await this.waitForExit(TERM_EXIT_MS)) return;
    this.child.kill("SIGKILL");
    await this.exitPromise;
  }

  /** Kills the child at once (used when it stalls). */
  kill(): void {
    if (!this.exited) this.child.kill("SIGKILL");
  }

  waitForExit(ms: number): Promise<boolean> {
    if (this.exited) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.exitPromise.then(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private handleLine(line: string): void {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      this.options.log.warn("imsg printed a line that is not JSON; ignored", { line: line.slice(0, 200) });
      this.options.onGarbage?.(line);
      return;
    }
    const frame = IncomingFrameSchema.safeParse(json);
    if (!frame.success) {
      this.options.log.warn("imsg sent a frame that is not JSON-RPC 2.0; ignored", {
        line: line.slice(0, 200),
      });
      return;
    }
    const data = frame.data;
    if ("method" in data) {
      this.options.onNotification?.(data.method, data.params);
      return;
    }
    const pending = typeof data.id === "number" ? this.pending.get(data.id) : undefined;
    if (!pending) {
      this.options.log.debug("imsg answered a request we no longer wait for", { id: data.id });
      return;
    }
    this.release(data.id as number);
    clearTimeout(pending.timer);
    if ("error" in data) {
      // imsg keeps `message` to the fixed JSON-RPC phrase and puts the detail (the Full Disk
      // Access banner, the -1743 Automation text, the bad param) in `data`.
      const detail =
        data.error.data === undefined
          ? ""
          : `: ${typeof data.error.data === "string" ? data.error.data : JSON.stringify(data.error.data)}`;
      pending.reject(
        new RpcFailure(
          "rpc-error",
          pending.method,
          `${data.error.message}${detail}`,
          data.error.code,
          data.error.data,
        ),
      );
    } else {
      pending.resolve(data.result);
    }
  }

  private finish(code: number | null, signal: NodeJS.Signals | null, error?: Error): void {
    if (this.exited) return;
    this.exited = true;
    const reason = error
      ? `could not start ${this.options.command}: ${error.message}`
      : `imsg exited (${signal ?? `code ${code}`})`;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new RpcFailure(error ? "spawn" : "closed", pending.method, reason));
      this.pending.delete(id);
    }
    for (const wake of this.slotWaiters.splice(0)) wake();
    this.resolveExit();
    this.options.onExit?.({ code, signal, ...(error ? { error } : {}) });
  }
}
