import { APICallError } from "ai";
import { describe, expect, it } from "vitest";
import {
  classifyFailure,
  DEFAULT_RETRY_POLICY,
  EmptyReplyError,
  parseRetryAfter,
  retryDelay,
} from "../../../app/agent/retry-policy.ts";

function apiError(statusCode: number | undefined, headers?: Record<string, string>) {
  return new APICallError({
    message: `status ${statusCode}`,
    url: "http://127.0.0.1/v1/messages",
    requestBodyValues: {},
    ...(statusCode === undefined ? {} : { statusCode }),
    ...(headers ? { responseHeaders: headers } : {}),
  });
}

describe("classifyFailure", () => {
  it("retries rate limits, server errors, timeouts and network errors; not keys, bad requests or empty replies", () => {
    expect(classifyFailure(apiError(429, { "retry-after": "3" }))).toMatchObject({
      kind: "rate-limit",
      retryable: true,
      retryAfterMs: 3000,
    });
    expect(classifyFailure(apiError(503))).toMatchObject({ kind: "server", retryable: true, status: 503 });
    expect(classifyFailure(apiError(undefined))).toMatchObject({ kind: "network", retryable: true });
    expect(classifyFailure(new DOMException("late", "TimeoutError"))).toMatchObject({
      kind: "timeout",
      retryable: true,
    });
    expect(classifyFailure(apiError(401))).toMatchObject({ kind: "auth", retryable: false });
    expect(classifyFailure(apiError(400))).toMatchObject({ kind: "request", retryable: false });
    expect(classifyFailure(new EmptyReplyError())).toMatchObject({ kind: "empty", retryable: false });
  });
});

describe("retryDelay", () => {
  const failure = classifyFailure(apiError(500));
  it("backs off exponentially with jitter, up to the attempts of the policy", () => {
    // Computed delays, not measured time: each within a quarter of its exponential step.
    const base = DEFAULT_RETRY_POLICY.baseDelayMs;
    const within = (delay: number | null, step: number) =>
      delay !== null && delay >= step * 0.75 && delay <= step * 1.25;
    expect(within(retryDelay(failure, 1, DEFAULT_RETRY_POLICY), base)).toBe(true);
    expect(within(retryDelay(failure, 2, DEFAULT_RETRY_POLICY), base * 2)).toBe(true);
    expect(retryDelay(failure, 3, DEFAULT_RETRY_POLICY)).toBeNull();
  });

  it("waits exactly retry-after, unless that is longer than the cap: then the next model is tried", () => {
    const limited = classifyFailure(apiError(429, { "retry-after": "2" }));
    expect(retryDelay(limited, 1, DEFAULT_RETRY_POLICY)).toBe(2000);
    const long = classifyFailure(apiError(429, { "retry-after": "120" }));
    expect(retryDelay(long, 1, DEFAULT_RETRY_POLICY)).toBeNull();
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds, milliseconds and HTTP dates", () => {
    expect(parseRetryAfter({ "Retry-After": "1.5" })).toBe(1500);
    expect(parseRetryAfter({ "retry-after-ms": "250", "retry-after": "9" })).toBe(250);
    const now = Date.parse("2026-11-25T12:00:00Z");
    expect(parseRetryAfter({ "retry-after": "Wed, 25 Nov 2026 12:00:05 GMT" }, now)).toBe(5000);
    expect(parseRetryAfter({ "retry-after": "soon" })).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
