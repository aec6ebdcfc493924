/**
 * Key paths as users read and type them: `channels.imessage.dmPolicy`,
 * `channels.imessage.groups.42.requireMention`, `channels.imessage.dms["me@example.com"].historyLimit`,
 * `agents.list[0].identity.name`.
 *
 * Bare segments are split on dots; a key containing a dot or any character
 * outside `[A-Za-z0-9_-]` (an email, `+1555…`, `"*"`) is written in quoted brackets.
 */
import JSON5 from "json5";

/** A string names an object key; a number indexes an array. */
export type KeyPathSegment = string | number;

/** Keys that would reach an object's prototype instead of its own data. */
const FORBIDDEN_KEYS = new Set(["__proto__", "prototype", "constructor"]);
const BARE_KEY = /^[A-Za-z0-9_-]+$/;

export function formatKeyPath(segments: readonly PropertyKey[]): string {
  let text = "";
  for (const segment of segments) {
    if (typeof segment === "number") {
      text += `[${segment}]`;
    } else {
      const key = String(segment);
      if (BARE_KEY.test(key)) text += text === "" ? key : `.${key}`;
      else text += `[${JSON.stringify(key)}]`;
    }
  }
  return text;
}

export type KeyPathParse = { ok: true; segments: KeyPathSegment[] } | { ok: false; message: string };

export function parseKeyPath(text: string): KeyPathParse {
  const segments: KeyPathSegment[] = [];
  let index = 0;
  let expectSegment = true;
  while (index < text.length) {
    const char = text[index];
    if (char === "[") {
      const close = findClosingBracket(text, index);
      if (close < 0) return invalid(text, `"[" at position ${index + 1} is never closed`);
      const inner = text.slice(index + 1, close).trim();
      const segment = parseBracketSegment(inner);
      if (segment === undefined) {
        return invalid(text, `[${inner}] must be an array index like [0] or a quoted key like ["a.b"]`);
      }
      segments.push(segment);
      index = close + 1;
      expectSegment = false;
    } else if (char === ".") {
      if (expectSegment) return invalid(text, `empty segment at position ${index + 1}`);
      index += 1;
      expectSegment = true;
    } else {
      if (!expectSegment) return invalid(text, `expected "." or "[" at position ${index + 1}`);
      let end = index;
      while (end < text.length && text[end] !== "." && text[end] !== "[") end += 1;
      segments.push(text.slice(index, end));
      index = end;
      expectSegment = false;
    }
  }
  if (segments.length === 0) return invalid(text, "the key path is empty");
  if (expectSegment) return invalid(text, "the key path ends with a dot");
  const forbidden = segments.find((segment) => typeof segment === "string" && FORBIDDEN_KEYS.has(segment));
  if (forbidden !== undefined) return invalid(text, `"${String(forbidden)}" cannot be used as a key`);
  return { ok: true, segments };
}

function findClosingBracket(text: string, open: number): number {
  let quote: string | undefined;
  for (let index = open + 1; index < text.length; index += 1) {
    const char = text[index];
    if (quote !== undefined) {
      if (char === "\\") index += 1;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === "]") {
      return index;
    }
  }
  return -1;
}

function parseBracketSegment(inner: string): KeyPathSegment | undefined {
  if (/^\d+$/.test(inner)) return Number(inner);
  if (!/^(["']).*\1$/s.test(inner)) return undefined;
  try {
    const key: unknown = JSON5.parse(inner);
    return typeof key === "string" ? key : undefined;
  } catch {
    return undefined;
  }
}

function invalid(text: string, reason: string): KeyPathParse {
  return { ok: false, message: `invalid key path "${text}": ${reason}` };
}
