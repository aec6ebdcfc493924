/**
 * What a failed model request means, and whether to ask the same model again.
 * Timeouts, rate limits, server errors and network errors are worth a retry
 * after a pause; a refused key or a bad request is not, but a fallback may
 * still answer.
 */
import { APICallError } from "ai";

export interface RetryPolicy {
  /** Requests per model, the first one included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `retry-after` longer than this moves on to the next model instead of waiting. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
};

export type FailureKind =
  | "timeout"
  | "rate-limit"
  | "server"
  | "network"
  | "auth"
  | "request"
  | "empty"
  | "other";

export interface ModelFailure {
  kind: FailureKind;
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
  message: string;
}

/** Raised by the agent itself when a model answered with no text at all. */
export class EmptyReplyError extends Error {
  constructor() {
    super("the model answered with an empty reply");
    this.name = "EmptyReplyError";
  }
}

export function classifyFailure(error: unknown): ModelFailure {
  if (error instanceof EmptyReplyError) return { kind: "empty", retryable: false, message: error.message };
  if (isTimeout(error))
    return { kind: "timeout", retryable: true, message: "the model did not answer in time" };
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    const message = error.message;
    if (status === undefined) return { kind: "network", retryable: true, message: networkMessage(error) };
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(error.responseHeaders);
      return {
        kind: "rate-limit",
        retryable: true,
        status,
        message,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      };
    }
    if (status === 401 || status === 403) return { kind: "auth", retryable: false, status, message };
    if (status === 408 || status === 409 || status >= 500) {
      const retryAfterMs = parseRetryAfter(error.responseHeaders);
      return {
        kind: status === 408 ? "timeout" : "server",
        retryable: true,
        status,
        message,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      };
    }
    return { kind: "request", retryable: false, status, message };
  }
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) {
    return { kind: "network", retryable: true, message: networkMessage(error) };
  }
  return { kind: "other", retryable: false, message: error instanceof Error ? error.message : String(error) };
}

/**
 * The pause before attempt `attempt + 1` (attempt counts from 1), or null when
 * the same model should not be asked again.
 */
export function retryDelay(failure: ModelFailure, attempt: number, policy: RetryPolicy): number | null {
  if (!failure.retryable || attempt >= policy.attempts) return null;
  if (failure.retryAfterMs !== undefined) {
    return failure.retryAfterMs > policy.maxRetryAfterMs ? null : failure.retryAfterMs;
  }
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // Jitter keeps many chats that failed together from retrying in lockstep.
  return Math.round(exponential * (0.75 + Math.random() * 0.5));
}

/** `retry-after-ms`, or `retry-after` in seconds or as an HTTP date. */
export function parseRetryAfter(
  headers: Record<string, string> | undefined,
  now = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const lower = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const ms = Number.parseFloat(lower["retry-after-ms"] ?? "");
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const value = lower["retry-after"]?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number.parseFloat(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

function networkMessage(error: Error): string {
  const cause = (error as { cause?: { code?: string; cause?: { code?: string } } }).cause;
  const code = cause?.code ?? cause?.cause?.code;
  return code ? `${error.message} (${code})` : error.message;
}
