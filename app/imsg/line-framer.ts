import { StringDecoder } from "node:string_decoder";

/**
 * Splits a byte stream into lines on "\n" only. A message text may contain
 * U+2028/U+2029, which a generic line splitter would break on, and a
 * multi-byte UTF-8 character can straddle two reads, so bytes are decoded as
 * a stream. A line longer than `maxLineBytes` is dropped whole (reported via
 * `onOverflow`) instead of growing memory without bound.
 */
export class LineFramer {
  private readonly decoder = new StringDecoder("utf8");
  private pending = "";
  private discarding = false;
  private readonly onLine: (line: string) => void;
  private readonly onOverflow: (bytes: number) => void;
  private readonly maxLineChars: number;

  constructor(options: {
    onLine: (line: string) => void;
    onOverflow?: (chars: number) => void;
    maxLineChars?: number;
  }) {
    this.onLine = options.onLine;
    this.onOverflow = options.onOverflow ?? (() => undefined);
    this.maxLineChars = options.maxLineChars ?? 32 * 1024 * 1024;
  }

  push(chunk: Buffer | string): void {
    const text = typeof chunk === "string" ? chunk : this.decoder.write(chunk);
    let start = 0;
    for (;;) {
      const newline = text.indexOf("\n", start);
      if (newline === -1) break;
      this.finishLine(text.slice(start, newline));
      start = newline + 1;
    }
    this.append(text.slice(start));
  }

  /** Flushes a final unterminated line when the stream ends. */
  end(): void {
    this.pending += this.decoder.end();
    if (this.pending.length > 0 && !this.discarding) this.emit(this.pending);
    this.pending = "";
    this.discarding = false;
  }

  private append(rest: string): void {
    if (this.discarding) return;
    this.pending += rest;
    if (this.pending.length > this.maxLineChars) {
      this.onOverflow(this.pending.length);
      this.pending = "";
      this.discarding = true;
    }
  }

  private finishLine(tail: string): void {
    if (this.discarding) {
      this.discarding = false;
      return;
    }
    const line = this.pending + tail;
    this.pending = "";
    if (line.length > this.maxLineChars) {
      this.onOverflow(line.length);
      return;
    }
    this.emit(line);
  }

  private emit(line: string): void {
    const trimmed = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (trimmed.length > 0) this.onLine(trimmed);
  }
}
