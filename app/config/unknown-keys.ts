/**
 * Keys of a raw config that the schema does not know. The schema is loose on
 * purpose (such keys are kept in the file), so a typo like `textChunkLimt`
 * passes validation; this walk is what notices it.
 *
 * Only the outermost unknown key of a branch is reported: everything under it
 * is unknown too and would only repeat the same news.
 */
import { z } from "zod";
import { isPlainObject } from "./config-text.ts";
import { formatKeyPath, type KeyPathSegment } from "./key-path.ts";
import { isIgnoredReferenceKey, leadsToIgnoredReferenceKey } from "./reference-keys.ts";
import { PinchConfigSchema } from "./schema.ts";

/** The key paths (`channels.imessage.textChunkLimt`) of `raw` that `schema` does not name, in file order. */
export function findUnknownKeys(schema: z.core.$ZodType, raw: unknown): string[] {
  return findUnknownKeySegments(schema, raw).map(formatKeyPath);
}

/** The same, for the config file's own schema. */
export function findUnknownConfigKeys(raw: unknown): string[] {
  return findUnknownKeys(PinchConfigSchema, raw);
}

/**
 * The keys of the config file that Pinch does not act on, in file order:
 * the reference's keys it leaves aside (`ignored`) and every other one (`unknown`).
 */
export function classifyUnreadConfigKeys(raw: unknown): { ignored: string[]; unknown: string[] } {
  const ignored: string[] = [];
  const unknown: string[] = [];
  const classify = (segments: KeyPathSegment[], value: unknown): void => {
    if (isIgnoredReferenceKey(segments)) {
      ignored.push(formatKeyPath(segments));
    } else if (leadsToIgnoredReferenceKey(segments) && isPlainObject(value)) {
      // A section Pinch has no schema for (`channels.defaults`) holds ignored keys and, maybe, typos.
      for (const [key, inner] of Object.entries(value)) classify([...segments, key], inner);
    } else {
      unknown.push(formatKeyPath(segments));
    }
  };
  for (const segments of findUnknownKeySegments(PinchConfigSchema, raw))
    classify(segments, valueAt(raw, segments));
  return { ignored, unknown };
}

function valueAt(raw: unknown, segments: readonly KeyPathSegment[]): unknown {
  let value = raw;
  for (const segment of segments) value = (value as Record<PropertyKey, unknown> | undefined)?.[segment];
  return value;
}

function findUnknownKeySegments(schema: z.core.$ZodType, raw: unknown): KeyPathSegment[][] {
  const found: KeyPathSegment[][] = [];
  walk(schema, raw, [], found);
  return found;
}

function walk(
  schema: z.core.$ZodType,
  value: unknown,
  at: KeyPathSegment[],
  found: KeyPathSegment[][],
): void {
  const def = unwrap(schema)._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  if (def.type === "object") {
    walkObject(def as unknown as z.core.$ZodObjectDef, value, at, found);
  } else if (def.type === "record" && isPlainObject(value)) {
    for (const key of Object.keys(value))
      walk(def.valueType as z.core.$ZodType, value[key], [...at, key], found);
  } else if (def.type === "array" && Array.isArray(value)) {
    for (const [index, element] of value.entries())
      walk(def.element as z.core.$ZodType, element, [...at, index], found);
  } else if (def.type === "union") {
    // The branch that accepts the value decides which keys are known; none accepting is a validation error, not an unknown key.
    const accepting = (def.options as readonly z.core.$ZodType[]).find((option) => safeParses(option, value));
    if (accepting) walk(accepting, value, at, found);
  }
}

/** The schema that describes the file's value under optional, default, pipe and the like. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "nonoptional":
    case "readonly":
    case "catch":
      return unwrap(def.innerType as z.core.$ZodType);
    case "pipe":
      // A pipe's input side is what the file holds; its output (a transform) is Pinch's own shape.
      return unwrap(def.in as z.core.$ZodType);
    case "lazy":
      return unwrap((def.getter as () => z.core.$ZodType)());
    default:
      return schema;
  }
}

function walkObject(
  def: z.core.$ZodObjectDef,
  value: unknown,
  at: KeyPathSegment[],
  found: KeyPathSegment[][],
): void {
  if (!isPlainObject(value)) return;
  const catchall = def.catchall?._zod.def.type;
  // A loose object's catchall is `unknown`: it keeps extra keys without knowing them.
  const extrasKnown =
    catchall !== undefined && catchall !== "unknown" && catchall !== "any" && catchall !== "never";
  for (const key of Object.keys(value)) {
    const known = Object.hasOwn(def.shape, key) ? def.shape[key] : extrasKnown ? def.catchall : undefined;
    if (known === undefined) found.push([...at, key]);
    else walk(known, value[key], [...at, key], found);
  }
}

function safeParses(schema: z.core.$ZodType, value: unknown): boolean {
  return z.safeParse(schema, value).success;
}
