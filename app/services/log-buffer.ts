import type { LogLine } from "../ipc/view-schemas.ts";
import type { LogSink } from "../log/logger.ts";

const DEFAULT_CAPACITY = 2_000;
const LEVELS = new Set(["debug", "info", "warn", "error"]);

/**
 * The recent gateway log for the window: a sink for the core's JSON-lines logger that keeps the
 * last lines in a ring and tells listeners about each new one. Lines are already redacted by the
 * logger; the window never sees more than the log file would hold.
 */
export class LogBuffer implements LogSink {
  private readonly lines: LogLine[] = [];
  private readonly listeners = new Set<(line: LogLine) => void>();
  private readonly capacity: number;
  private readonly forward: LogSink | undefined;
  private seq = 0;

  constructor(options: { capacity?: number; forward?: LogSink } = {}) {
    this.capacity = options.capacity ?? DEFAULT_CAPACITY;
    this.forward = options.forward;
  }

  write(text: string): boolean {
    this.forward?.write(text);
    for (const raw of text.split("\n")) {
      if (raw.trim() === "") continue;
      const line = this.parse(raw);
      this.lines.push(line);
      if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
      for (const listener of this.listeners) listener(line);
    }
    return true;
  }

  recent(limit = this.capacity): LogLine[] {
    return this.lines.slice(-limit);
  }

  subscribe(listener: (line: LogLine) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private parse(raw: string): LogLine {
    this.seq += 1;
    let record: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed === "object" && parsed !== null) record = parsed as Record<string, unknown>;
    } catch {
      record = undefined;
    }
    if (!record) {
      return { seq: this.seq, time: new Date().toISOString(), level: "info", message: raw, fields: {} };
    }
    const { time, level, msg, account, ...rest } = record;
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(rest)) {
      if (value !== undefined) fields[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return {
      seq: this.seq,
      time: typeof time === "string" ? time : new Date().toISOString(),
      level: typeof level === "string" && LEVELS.has(level) ? (level as LogLine["level"]) : "info",
      message: typeof msg === "string" ? msg : raw,
      ...(typeof account === "string" ? { account } : {}),
      fields,
    };
  }
}
