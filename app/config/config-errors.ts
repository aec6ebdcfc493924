/**
 * Config errors as the user sees them: the key path that is wrong and what
 * was expected instead, e.g.
 * `channels.imessage.dmPolicy: expected one of "pairing", "allowlist", "open", "disabled", got "sometimes"`.
 */
import type { z } from "zod";
import { redactSecrets } from "../log/logger.ts";
import { formatKeyPath } from "./key-path.ts";

export type ConfigError = {
  /** Key path of the offending value (`channels.imessage.dmPolicy`); `""` for the file as a whole. */
  path: string;
  /** What is wrong and what to do, without the path. */
  message: string;
  /** The account the error belongs to, for cross-field rules that apply per account. */
  accountId?: string;
  /** 1-based position in the file, for syntax errors. */
  line?: number;
  column?: number;
  /**
   * A consequence worth knowing rather than a mistake in a value (the mention gate that cannot
   * work once groups admit someone): shown everywhere, never a reason to refuse an edit.
   */
  advisory?: true;
};

/** One line for logs, chat replies and the CLI. */
export function describeConfigError(error: ConfigError): string {
  const where =
    error.line !== undefined
      ? `line ${error.line}${error.column !== undefined ? `:${error.column}` : ""}`
      : "";
  const prefix = [error.path, where].filter((part) => part !== "").join(" ");
  return prefix === "" ? error.message : `${prefix}: ${error.message}`;
}

/**
 * Zod issues → config errors. Parse with `{ reportInput: true }` so the
 * messages can quote the value that was refused.
 */
export function configErrorsFromIssues(issues: readonly z.core.$ZodIssue[]): ConfigError[] {
  return issues.map((issue) => ({ path: formatKeyPath(issue.path), message: describeIssue(issue) }));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const got = `got ${describeValue(issue.input)}`;
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return `is required (expected ${describeType(issue.expected)})`;
      return `expected ${describeType(issue.expected)}, ${got}`;
    case "invalid_value":
      if (issue.values.length === 1) return `expected ${describeValue(issue.values[0])}, ${got}`;
      return `expected one of ${issue.values.map(describeValue).join(", ")}, ${got}`;
    case "too_small":
      return `expected ${describeBound(issue.origin, "at least", "more than", issue.minimum, issue.inclusive)}, ${got}`;
    case "too_big":
      return `expected ${describeBound(issue.origin, "at most", "less than", issue.maximum, issue.inclusive)}, ${got}`;
    case "invalid_union":
      return `expected ${describeUnionExpectation(issue)}, ${got}`;
    case "invalid_format":
    case "custom":
      // Our schemas attach a user-facing message to every format and custom check.
      return `${issue.message}, ${got}`;
    case "invalid_key":
      // A record's key (an account id): the path already names it, the key's own rule says what is wrong.
      return `${issue.issues[0]?.message ?? issue.message}, ${got}`;
    default:
      return issue.message;
  }
}

function describeBound(
  origin: string,
  inclusiveWord: string,
  exclusiveWord: string,
  bound: number | bigint,
  inclusive: boolean | undefined,
): string {
  if (origin === "string") return bound === 1 ? "a non-empty string" : `${inclusiveWord} ${bound} characters`;
  if (origin === "array") return `${inclusiveWord} ${bound} entries`;
  return `${inclusive === false ? exclusiveWord : inclusiveWord} ${bound}`;
}

function describeUnionExpectation(issue: z.core.$ZodIssueInvalidUnion): string {
  const expected = new Set<string>();
  for (const branch of issue.errors) {
    for (const inner of branch) {
      if (inner.code === "invalid_type" && inner.path.length === 0)
        expected.add(describeType(inner.expected));
    }
  }
  return expected.size > 0 ? [...expected].join(" or ") : "a value of another form";
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  record: "an object",
};

function describeType(expected: string): string {
  return TYPE_NAMES[expected] ?? expected;
}

const MAX_QUOTED = 60;

/** A short, readable rendering of a refused value. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") {
    // A refused value is quoted back: a key or a URL's password in it must not be.
    const quoted = JSON.stringify(redactSecrets(value));
    return quoted.length > MAX_QUOTED ? `${quoted.slice(0, MAX_QUOTED - 2)}…"` : quoted;
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return typeof value;
}
