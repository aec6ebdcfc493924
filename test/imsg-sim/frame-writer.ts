/**
 * Writes JSON-RPC frames to stdout, one per line, in order, and applies the
 * output faults (garbage and unknown lines, split writes, stalls, crashes).
 * A closed stdout (EPIPE) ends the process quietly instead of crashing it.
 */
import type { Writable } from "node:stream";
import type { FaultConfig, FaultSwitches } from "./faults.ts";
import type { RpcFailure } from "./rpc-errors.ts";

/** Whatever id the request carried, echoed back unchanged. */
type RpcId = unknown;

interface QueuedLine {
  bytes: Buffer;
  isNotification: boolean;
}

const GARBAGE_LINE = "imsg-sim: injected non-JSON line (fault switch garbageLine)";
const DEFAULT_HUGE_LINE_BYTES = 5 * 1024 * 1024;
// Long enough that the reader sees separate reads even on a loaded machine (the OS may merge quick writes).
const SPLIT_PAUSE_MS = 20;

/**
 * Foundation's JSONSerialization (what imsg rpc writes with) escapes "/" as "\/".
 * A "/" can only occur inside a JSON string, so the replacement is always a valid escape.
 */
export function encodeFrame(frame: unknown): string {
  return JSON.stringify(frame).replaceAll("/", "\\/");
}

export class FrameWriter {
  private readonly out: Writable;
  private readonly faults: FaultSwitches;
  private readonly onClosed: () => void;
  private readonly queue: QueuedLine[] = [];
  private pumping = false;
  private closed = false;
  private exiting = false;
  private framesSinceLoad = 0;
  private notificationsSinceLoad = 0;
  private stalledByCount = false;

  constructor(out: Writable, faults: FaultSwitches, onClosed: () => void) {
    this.out = out;
    this.faults = faults;
    this.onClosed = onClosed;
    out.on("error", () => this.markClosed());
    faults.onLoad((config) => this.onFaultsLoaded(config));
  }

  /** True while the stall fault holds output (and, through the server, requests and the watch). */
  get stalled(): boolean {
    return this.faults.current.stall === true || this.stalledByCount;
  }

  response(id: RpcId, result: unknown): void {
    this.enqueueFrame({ jsonrpc: "2.0", id, result }, false);
  }

  error(id: RpcId, failure: RpcFailure): void {
    // imsg answers with id null when it could not read one, even for a notification.
    this.enqueueFrame({ jsonrpc: "2.0", id: id ?? null, error: failure.toJson() }, false);
  }

  notification(method: string, params: unknown): void {
    this.enqueueFrame({ jsonrpc: "2.0", method, params }, true);
  }

  /** Writes text as it is, for the pre-0.8.2 plain-text banner. */
  plainText(text: string): void {
    this.enqueue(`${text}\n`, false);
  }

  /** Resolves once everything queued so far has been handed to the OS. */
  drained(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.closed || (this.queue.length === 0 && !this.pumping)) {
          if (this.closed) resolve();
          else this.out.write("", () => resolve());
        } else {
          setTimeout(check, 5);
        }
      };
      check();
    });
  }

  private onFaultsLoaded(config: FaultConfig): void {
    this.framesSinceLoad = 0;
    this.notificationsSinceLoad = 0;
    this.stalledByCount = false;
    if (config.garbageLine === "once") this.enqueue(`${GARBAGE_LINE}\n`, false);
    if (config.unknownNotification === "once") this.enqueue(`${unknownNotificationLine()}\n`, false);
    if (config.hugeLine === "once") this.enqueue(`${hugeLine(config)}\n`, false);
    void this.pump();
  }

  private enqueueFrame(frame: unknown, isNotification: boolean): void {
    const config = this.faults.current;
    this.framesSinceLoad += 1;
    const due = (every: FaultConfig["garbageLine"]) =>
      typeof every === "number" && this.framesSinceLoad % every === 0;
    if (due(config.garbageLine)) this.enqueue(`${GARBAGE_LINE}\n`, false);
    if (due(config.unknownNotification)) this.enqueue(`${unknownNotificationLine()}\n`, false);
    if (due(config.hugeLine)) this.enqueue(`${hugeLine(config)}\n`, false);
    this.enqueue(`${encodeFrame(frame)}\n`, isNotification);
  }

  private enqueue(line: string, isNotification: boolean): void {
    if (this.closed || this.exiting) return;
    this.queue.push({ bytes: Buffer.from(line, "utf8"), isNotification });
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0 && !this.stalled && !this.closed && !this.exiting) {
        const line = this.queue.shift() as QueuedLine;
        const pieces = this.faults.current.splitFrames;
        if (pieces) await this.writeInPieces(line.bytes, pieces);
        else this.out.write(line.bytes);
        if (line.isNotification) this.countNotification();
      }
    } finally {
      this.pumping = false;
    }
  }

  private countNotification(): void {
    this.notificationsSinceLoad += 1;
    const config = this.faults.current;
    if (config.crashAfterNotifications && this.notificationsSinceLoad >= config.crashAfterNotifications) {
      this.exiting = true;
      const code = config.crashExitCode ?? 1;
      process.stderr.write(
        `imsg-sim: crashing after ${this.notificationsSinceLoad} notifications (fault switch)\n`,
      );
      this.out.write("", () => process.exit(code));
      return;
    }
    if (config.stallAfterNotifications && this.notificationsSinceLoad >= config.stallAfterNotifications) {
      this.stalledByCount = true;
    }
  }

  private async writeInPieces(bytes: Buffer, pieces: number): Promise<void> {
    for (const piece of splitBytes(bytes, pieces)) {
      if (this.closed) return;
      this.out.write(piece);
      await new Promise((resolve) => setTimeout(resolve, SPLIT_PAUSE_MS));
    }
  }

  private markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.onClosed();
  }
}

/**
 * Cuts at even byte offsets, but moves the first cut inside the first multi-byte
 * character when there is one, so a reader that decodes each chunk on its own breaks.
 */
export function splitBytes(bytes: Buffer, pieces: number): Buffer[] {
  const size = Math.max(1, Math.ceil(bytes.length / pieces));
  const cuts = new Set<number>();
  for (let offset = size; offset < bytes.length; offset += size) cuts.add(offset);
  const firstMultiByte = bytes.findIndex((byte) => byte >= 0xc0);
  if (firstMultiByte >= 0 && cuts.size > 0) {
    cuts.delete(Math.min(...cuts));
    cuts.add(firstMultiByte + 1);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const result: Buffer[] = [];
  let start = 0;
  for (const cut of sorted) {
    result.push(bytes.subarray(start, cut));
    start = cut;
  }
  result.push(bytes.subarray(start));
  return result.filter((piece) => piece.length > 0);
}

function unknownNotificationLine(): string {
  return encodeFrame({
    jsonrpc: "2.0",
    method: "sim.unknown",
    params: { note: "a notification method this client does not know (fault switch unknownNotification)" },
  });
}

function hugeLine(config: FaultConfig): string {
  const bytes = config.hugeLineBytes ?? DEFAULT_HUGE_LINE_BYTES;
  if (config.hugeLineKind === "garbage") return `imsg-sim huge garbage ${"x".repeat(bytes)}`;
  return encodeFrame({ jsonrpc: "2.0", method: "sim.huge", params: { padding: "x".repeat(bytes) } });
}
