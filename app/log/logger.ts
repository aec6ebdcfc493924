/**
 * The gateway's logger: one line per event on a writable stream (stderr by
 * default), human-readable or JSON lines. Message text and secrets are the
 * caller's to keep out of `fields`; `redact` is applied to every string field
 * as a last line of defence for anything that looks like an API key.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFormat = "human" | "json";
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export interface LogSink {
  write(line: string): unknown;
}

const levelRank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Provider keys have recognisable shapes; anything matching is masked wherever it appears.
const secretPattern = /\b(sk-[A-Za-z0-9_-]{8,}|xox[abp]-[A-Za-z0-9-]{8,}|AIza[0-9A-Za-z_-]{20,})\b/g;

// An Authorization header's token, whatever its shape, as a provider's error may repeat it.
const bearerPattern = /\b([Bb]earer)\s+[A-Za-z0-9._~+/=-]{8,}/g;
// A user name and password inside a URL (`https://user:pass@host`): config refuses them, but
// a URL from elsewhere (an error message, an environment variable) may still carry them.
const urlUserinfoPattern = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi;

export function redactSecrets(text: string): string {
  return text
    .replace(secretPattern, (match) => `${match.slice(0, 5)}…[redacted]`)
    .replace(bearerPattern, (_match, scheme: string) => `${scheme} [redacted]`)
    .replace(urlUserinfoPattern, (_match, scheme: string) => `${scheme}[redacted]@`);
}

function formatValue(value: unknown): string {
  if (typeof value === "string") return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  if (value instanceof Error) return JSON.stringify(value.message);
  return JSON.stringify(value) ?? String(value);
}

export function createLogger(options: {
  sink?: LogSink;
  format?: LogFormat;
  /** A function is asked on every line, so a switch in the app takes effect at once. */
  level?: LogLevel | (() => LogLevel);
  fields?: LogFields;
  now?: () => Date;
}): Logger {
  const sink = options.sink ?? process.stderr;
  const format = options.format ?? "human";
  const threshold = options.level ?? "info";
  const minRank = (): number => levelRank[typeof threshold === "function" ? threshold() : threshold];
  const now = options.now ?? (() => new Date());
  const base = options.fields ?? {};

  const emit = (level: LogLevel, message: string, fields: LogFields | undefined): void => {
    if (levelRank[level] < minRank()) return;
    const all = { ...base, ...fields };
    for (const [key, value] of Object.entries(all)) {
      if (value instanceof Error) all[key] = value.message;
    }
    let line: string;
    if (format === "json") {
      line = JSON.stringify({ time: now().toISOString(), level, msg: message, ...all });
    } else {
      const extras = Object.entries(all)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => `${key}=${formatValue(value)}`)
        .join(" ");
      const time = now().toISOString().slice(11, 23);
      line = `${time} ${level.toUpperCase().padEnd(5)} ${message}${extras ? ` ${extras}` : ""}`;
    }
    sink.write(`${redactSecrets(line)}\n`);
  };

  return {
    debug: (message, fields) => emit("debug", message, fields),
    info: (message, fields) => emit("info", message, fields),
    warn: (message, fields) => emit("warn", message, fields),
    error: (message, fields) => emit("error", message, fields),
    child: (fields) => createLogger({ ...options, sink, fields: { ...base, ...fields } }),
  };
}

/** A logger that discards everything, for library callers that pass none. */
export const silentLogger: Logger = createLogger({ sink: { write: () => undefined }, level: "error" });
