/**
 * imsg reads params leniently (Foundation's JSON gives it NSNumbers and
 * strings): numbers may arrive as numeric strings, booleans as "true"/"false",
 * lists as comma-separated strings. The simulator accepts exactly that much.
 */
import { internalError, invalidParams } from "./rpc-errors.ts";

export type Params = Record<string, unknown>;

export function stringParam(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

export function intParam(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" && /^[+-]?\d+$/.test(value)) return Number(value);
  return undefined;
}

export function boolParam(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

export function stringArrayParam(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.map(stringParam).filter((item): item is string => item !== undefined);
  }
  if (typeof value === "string") {
    return value
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== "");
  }
  return [];
}

/** imsg rpc waits 500 ms after a database change before reading, so late corrections land first. */
export const DEFAULT_WATCH_DEBOUNCE_MS = 500;

export function debounceParam(params: Params): number {
  const raw = params.debounce_ms ?? params.debounceMs;
  if (raw === undefined || raw === null) return DEFAULT_WATCH_DEBOUNCE_MS;
  const ms = intParam(raw);
  if (ms === undefined || ms < 0) throw invalidParams("debounce_ms must be a non-negative integer");
  return ms;
}

/** ISO 8601 with or without fractional seconds; a bad date is an internal error in imsg, not invalid params. */
export function isoDateParam(value: unknown): Date | undefined {
  const raw = stringParam(value);
  if (raw === undefined || raw === "") return undefined;
  const valid = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(raw);
  const date = new Date(raw);
  if (!valid || Number.isNaN(date.getTime())) throw internalError(`Invalid ISO8601 date: ${raw}`);
  return date;
}
