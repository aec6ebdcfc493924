/**
 * What `imsg rpc`'s transport (rpc-server.ts) needs from the imsg it plays:
 * one session per process, legacy (imsg 0.9) or protocol 1 (imsg 0.15).
 */
import type { FaultSwitches } from "./faults.ts";
import type { FrameWriter } from "./frame-writer.ts";
import type { RpcFailure } from "./rpc-errors.ts";

export interface SessionContext {
  dbPath: string;
  faults: FaultSwitches;
  writer: FrameWriter;
  /** What `status` reports as the version (IMSG_VERSION, or the mode's release). */
  version: string;
  /** Ends the process with `code` once everything written has been flushed. */
  finish(code: number): void;
  /** Keeps every -32602 answered, for tests (see sim-records.ts); other codes are ignored. */
  recordInvalidParams(method: string, failure: RpcFailure): void;
}

export interface RpcSession {
  /**
   * Sees each request line as it arrives, with the count of requests running
   * or queued; true when it answered the line already (a busy refusal).
   */
  admit(line: string, outstanding: number): boolean;
  /** Answers one request line, in arrival order. */
  handleLine(line: string): Promise<void>;
  /** One poll: watch subscriptions look for new rows. */
  tick(): void;
  /** Resolves once work that outlives its answer (a send still landing) is done. */
  settle(): Promise<void>;
  close(): void;
  /** The status to exit with once stdin has closed and every request is answered. */
  exitCode(): number;
}
