/**
 * The one place that turns a known failure (a Node error code, a provider's HTTP refusal, an
 * osascript error number, ssh's own words) into a sentence a person can act on, and the action the
 * window can offer as a button. The raw text always travels along as `detail` so nothing is lost.
 */
import { z } from "zod";
import { classifySshFailure } from "../ssh/ssh-failure.ts";

/** What the window can do about a failure: open a System Settings pane, ask for a new key, try again, pick imsg. */
export const FailureActionSchema = z.enum([
  "open-full-disk-access",
  "open-automation",
  "change-key",
  "retry",
  "choose-imsg",
]);
export type FailureAction = z.infer<typeof FailureActionSchema>;

export interface FailureExplanation {
  message: string;
  action?: FailureAction;
  /** The raw text the sentence was made from. */
  detail: string;
  /** Which part of a model setup the failure is about, for the window to show it next to that field. */
  concerns?: "apiKey" | "modelId" | "baseUrl";
}

export interface FailureContext {
  /** The provider's name as people know it ("Anthropic"), for a model call. */
  provider?: string;
  /** The model's name, for a model call. */
  model?: string;
  /** The time the caller waited, for a timeout. */
  timeoutSeconds?: number;
}

interface Rule {
  test: RegExp;
  explain: (match: RegExpMatchArray, context: FailureContext) => Omit<FailureExplanation, "detail">;
}

const who = (context: FailureContext) => context.provider ?? "The server";

// Order matters: ssh's own words name the host better than the socket error inside them, and an
// HTTP status is more telling than the transport words around it.
const rules: readonly Rule[] = [
  {
    // ssh's own words; ssh-failure.ts owns what each means and its fix.
    test: /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed|Permission denied \(publickey|ssh: (?:connect to host|Could not resolve hostname) ([^\s:]+)/i,
    explain: (match) => {
      const failure = classifySshFailure(match.input ?? "", match[1] ?? sshDestination(match.input ?? ""));
      return {
        message: `${sentence(failure.message)} ${sentence(failure.fix)}`,
        ...(failure.kind === "host-key-changed" ? {} : { action: "retry" as const }),
      };
    },
  },
  {
    test: /invalid x-api-key|invalid api key|incorrect api key|authentication_error|\b(?:HTTP|status|auth) ?(401|403)\b|\bUnauthorized\b|\bForbidden\b/i,
    explain: (_match, context) => ({
      message: `The key was refused by ${context.provider ?? "the server"}. Paste a new key.`,
      action: "change-key",
      concerns: "apiKey",
    }),
  },
  {
    test: /\b(?:HTTP|status|rate-limit) ?429\b|rate.?limit|insufficient_quota|exceeded your current quota/i,
    explain: (_match, context) => ({
      message: `${who(context)} says too many requests were sent or the quota is used up. Wait a minute, or check the account's plan and billing.`,
      action: "retry",
    }),
  },
  {
    test: /\b(?:HTTP|status|request) ?404\b|not_found_error|model[^.]{0,80}(?:not found|does not exist)/i,
    explain: (_match, context) => ({
      message: `${who(context)} doesn't know the model${context.model ? ` "${context.model}"` : ""}. Check the model's name.`,
      concerns: "modelId",
    }),
  },
  {
    test: /getaddrinfo (?:ENOTFOUND|EAI_AGAIN) (\S+)/,
    explain: (match) => ({
      message: `Pinch can't reach ${match[1]}. Check the internet connection or the server address.`,
      action: "retry",
      concerns: "baseUrl",
    }),
  },
  {
    test: /ECONNREFUSED ?([\w.:[\]-]+)?/,
    explain: (match) => ({
      message: `Nothing answered at ${match[1] ?? "that address"}. Check that the server is running and the address is right.`,
      action: "retry",
      concerns: "baseUrl",
    }),
  },
  {
    test: /CERT_|certificate|self[- ]signed|SSL routines|UNABLE_TO_VERIFY|ERR_TLS/i,
    explain: () => ({
      message:
        "The secure connection failed: the server's certificate is not trusted. Check the server address.",
      concerns: "baseUrl",
    }),
  },
  {
    test: /aborted due to timeout|TimeoutError|ETIMEDOUT|did not answer in time/i,
    explain: (_match, context) => ({
      message:
        context.timeoutSeconds !== undefined
          ? `The model didn't answer within ${context.timeoutSeconds} s.`
          : `${who(context)} didn't answer in time. Try again in a moment.`,
      action: "retry",
    }),
  },
  {
    test: /-1743|Not authori[sz]ed to send Apple events/i,
    explain: () => ({
      message:
        "macOS doesn't allow Pinch to control Messages. Turn on Messages for Pinch under Privacy & Security → Automation.",
      action: "open-automation",
    }),
  },
  {
    test: /\(-600\)|-600\b|isn[’']t running|Application isn't running/i,
    explain: () => ({
      message: "Messages isn't running. Open Messages, sign in, then try again.",
      action: "retry",
    }),
  },
  {
    test: /spawn (\S*imsg\S*) ENOENT|ENOENT[^\n]*?(\S*\/imsg)\b/,
    explain: (match) => ({
      message: `Pinch can't find imsg${match[1] || match[2] ? ` at ${match[1] ?? match[2]}` : ""}. Install imsg or choose where it is.`,
      action: "choose-imsg",
    }),
  },
  {
    test: /(?:EACCES|EPERM|Operation not permitted|permission denied)[^'"/\n]*['"]?(\/[^'"\s,)]+)/i,
    explain: (match) => ({
      message: `macOS didn't let Pinch read ${match[1]}. Give Pinch Full Disk Access in System Settings.`,
      action: "open-full-disk-access",
    }),
  },
  {
    test: /(\/[^\s'"()]+)[^\n]{0,20}\((?:EACCES|EPERM)\)/,
    explain: (match) => ({
      message: `macOS didn't let Pinch read ${match[1]}. Give Pinch Full Disk Access in System Settings.`,
      action: "open-full-disk-access",
    }),
  },
  {
    test: /ENOSPC|no space left on device/i,
    explain: () => ({ message: "The disk is full. Free some space, then try again.", action: "retry" }),
  },
];

/** `bot@studio.local: Permission denied …` names who refused; else the other Mac. */
function sshDestination(raw: string): string {
  return raw.match(/([\w.-]+@[\w.-]+): Permission denied/)?.[1] ?? "the other Mac";
}

/** ssh-failure.ts writes clauses; a sentence starts with a capital unless it starts with a host's name. */
function sentence(text: string): string {
  const trimmed = text.trim().replace(/[.;]$/, "");
  const capital = /^[a-z]+ /.test(trimmed)
    ? `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}`
    : trimmed;
  return `${capital}.`;
}

/** The sentence for a known failure, or undefined when the text matches none. */
export function explainKnownFailure(
  raw: string,
  context: FailureContext = {},
): FailureExplanation | undefined {
  for (const rule of rules) {
    const match = raw.match(rule.test);
    if (match) return { ...rule.explain(match, context), detail: raw };
  }
  return undefined;
}

/** Always a sentence: a known failure's, else a plain one that points at the details. */
export function explainFailure(raw: string, context: FailureContext = {}): FailureExplanation {
  return (
    explainKnownFailure(raw, context) ?? {
      message: "Something went wrong that Pinch doesn't recognise. The details say what happened.",
      detail: raw,
    }
  );
}

/**
 * An error's text with what lies under it: the SDK says "Cannot connect to API" and keeps
 * `getaddrinfo ENOTFOUND host` in its cause, and a provider's refusal carries its status apart.
 */
export function failureText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    const value = current as { message?: unknown; code?: unknown; statusCode?: unknown; cause?: unknown };
    const message = typeof value.message === "string" ? value.message : String(current);
    const status = typeof value.statusCode === "number" ? `HTTP ${value.statusCode}: ` : "";
    const code = typeof value.code === "string" && !message.includes(value.code) ? ` (${value.code})` : "";
    const text = `${status}${message}${code}`;
    if (!parts.some((part) => part.includes(message))) parts.push(text);
    current = value.cause;
  }
  return parts.join(" ← ");
}
