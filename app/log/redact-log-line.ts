import { redactSecrets } from "./logger.ts";

/**
 * What reaches the log file in ~/Library/Logs/Pinch. The gateway writes JSON lines; before they
 * are stored, values under secret-like keys are masked always, and message text (the `text` of a
 * message, a reply, a prompt, and raw imsg frames, which carry both) is masked unless the user
 * turned on verbose logging to file a bug. A key never belongs in a log, not even a verbose one.
 */
export interface RedactionOptions {
  verbose: boolean;
}

const secretKey = /(api[-_]?key|token|secret|password|passphrase|authorization|cookie|credential)/i;
const messageTextKey =
  /^(text|body|reply|replytext|prompt|content|preview|snippet|context|systemprompt|line)$/i;

export function redactLogLine(line: string, options: RedactionOptions): string {
  const trimmed = line.trim();
  if (trimmed.startsWith("{")) {
    try {
      return JSON.stringify(redactValue(JSON.parse(trimmed), options));
    } catch {
      // Not JSON after all: fall through to the text rules.
    }
  }
  return redactSecrets(line);
}

export function redactValue(value: unknown, options: RedactionOptions, key = ""): unknown {
  if (key && secretKey.test(key) && value !== null && value !== undefined && value !== "")
    return "[redacted]";
  if (typeof value === "string") {
    if (key && messageTextKey.test(key) && !options.verbose) {
      // A raw imsg frame keeps its shape (method, ids) with the texts inside hidden.
      const nested = parseJsonObject(value);
      return nested === undefined ? hidden(value) : JSON.stringify(redactValue(nested, options));
    }
    const nested = parseJsonObject(value);
    return nested === undefined ? redactSecrets(value) : JSON.stringify(redactValue(nested, options));
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, options, key));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([childKey, child]) => [childKey, redactValue(child, options, childKey)]),
    );
  }
  return value;
}

function hidden(text: string): string {
  return `[${[...text].length} characters hidden]`;
}

function parseJsonObject(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

// Phone numbers and email addresses identify people: text shown or shared beyond the log keeps only their shape.
const PHONE = /\+?\d[\d\s().-]{6,}\d/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** ssh names the host it failed to reach: an address is not a person (a dotted phone number has three groups). */
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Keys, emails and phone numbers left out: for diagnostics and a child's stderr in the status. */
export function redactPeople(text: string): string {
  return redactSecrets(text)
    .replace(EMAIL, "[email]")
    .replace(PHONE, (match) => (IPV4.test(match) ? match : `[phone …${match.replace(/\D/g, "").slice(-2)}]`));
}
