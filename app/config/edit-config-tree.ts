/**
 * Edits of the user's parsed config object by key path. Only the named keys
 * change; everything else, known or not, stays as the user wrote it.
 */
import type { ConfigError } from "./config-errors.ts";
import { formatKeyPath, type KeyPathSegment, parseKeyPath } from "./key-path.ts";

/** One change to the config: a value (typed, stored as given) at a key path, or the key removed. */
export type ConfigEdit =
  | { kind: "set"; keyPath: string; value: unknown }
  | { kind: "unset"; keyPath: string };

export type AppliedEdits =
  | { ok: true; next: Record<string, unknown>; changed: boolean }
  | { ok: false; problem: ConfigError };

/** A copy of `raw` after the edits in order, or the first edit that cannot be applied (a bad key path). */
export function applyEdits(raw: Record<string, unknown>, edits: readonly ConfigEdit[]): AppliedEdits {
  const next = structuredClone(raw);
  let changed = false;
  for (const edit of edits) {
    const parsedPath = parseKeyPath(edit.keyPath);
    if (!parsedPath.ok) return { ok: false, problem: { path: edit.keyPath, message: parsedPath.message } };
    const outcome =
      edit.kind === "set"
        ? setAtKeyPath(next, parsedPath.segments, edit.value)
        : unsetAtKeyPath(next, parsedPath.segments);
    if (!outcome.ok) return { ok: false, problem: { path: edit.keyPath, message: outcome.message } };
    changed ||= outcome.changed;
  }
  return { ok: true, next, changed };
}

type TreeEdit = { ok: true; changed: boolean } | { ok: false; message: string };

function setAtKeyPath(root: Record<string, unknown>, segments: KeyPathSegment[], value: unknown): TreeEdit {
  const parent = walkToParent(root, segments, true);
  if (!parent.ok) return parent;
  const { container, key } = parent;
  if (Array.isArray(container)) {
    // Index == length appends; anything further would leave holes.
    if (typeof key !== "number" || key > container.length) {
      return {
        ok: false,
        message: `list index ${String(key)} is out of range (the list has ${container.length} entries)`,
      };
    }
    container[key] = value;
  } else {
    container[String(key)] = value;
  }
  return { ok: true, changed: true };
}

/** Removing a key that is already absent is not an error: it reports `changed: false`. */
function unsetAtKeyPath(root: Record<string, unknown>, segments: KeyPathSegment[]): TreeEdit {
  const parent = walkToParent(root, segments, false);
  if (!parent.ok) return parent.missing ? { ok: true, changed: false } : parent;
  const { container, key } = parent;
  if (Array.isArray(container)) {
    if (typeof key !== "number" || key >= container.length) return { ok: true, changed: false };
    container.splice(key, 1);
    return { ok: true, changed: true };
  }
  if (!Object.hasOwn(container, String(key))) return { ok: true, changed: false };
  delete container[String(key)];
  return { ok: true, changed: true };
}

type Container = Record<string, unknown> | unknown[];

type ParentLookup =
  | { ok: true; container: Container; key: KeyPathSegment }
  | { ok: false; message: string; missing: boolean };

/**
 * Walks to the object holding the last segment. A numeric segment indexes a
 * list when the value there is a list and names a key otherwise (group ids
 * are numeric keys). With `create`, missing objects on the way are added.
 */
function walkToParent(
  root: Record<string, unknown>,
  segments: KeyPathSegment[],
  create: boolean,
): ParentLookup {
  let container: Container = root;
  for (const [depth, segment] of segments.entries()) {
    const key = normalizeSegment(container, segment);
    if (key === undefined) {
      const where = formatKeyPath(segments.slice(0, depth));
      return { ok: false, missing: false, message: `${where} is a list; use a number index` };
    }
    if (depth === segments.length - 1) return { ok: true, container, key };
    const record = container as Record<string | number, unknown>;
    let next = Object.hasOwn(record, key) ? record[key] : undefined;
    const where = formatKeyPath(segments.slice(0, depth + 1));
    if (next === undefined) {
      if (!create || Array.isArray(container))
        return { ok: false, missing: true, message: `${where} does not exist` };
      next = {};
      record[key] = next;
    }
    if (typeof next !== "object" || next === null) {
      return {
        ok: false,
        missing: false,
        message: `${where} holds ${JSON.stringify(next)}, not an object; unset it first`,
      };
    }
    container = next as Container;
  }
  return { ok: false, missing: false, message: "the key path is empty" };
}

function normalizeSegment(container: Container, segment: KeyPathSegment): KeyPathSegment | undefined {
  if (!Array.isArray(container)) return String(segment);
  if (typeof segment === "number") return segment;
  return /^\d+$/.test(segment) ? Number(segment) : undefined;
}
