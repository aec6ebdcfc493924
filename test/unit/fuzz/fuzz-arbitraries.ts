import fc from "fast-check";

/**
 * Text built from the pieces a parser cares about, mixed with random
 * characters: random strings alone almost never hit a prefix, a separator or
 * a quote in the right place.
 */
export function textFrom(tokens: readonly string[], maxLength = 12): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...tokens) }, fc.string({ maxLength: 4 })), {
      maxLength,
    })
    .map((parts) => parts.join(""));
}

/** Characters that break naive text handling: line and paragraph separators, astral, combining, RTL, NUL. */
export const awkwardCharacters = [
  "\u2028",
  "\u2029",
  "\r",
  "\0",
  "😀",
  "👨‍👩‍👧",
  "🇺🇸",
  "e\u0301",
  "\u200f",
  "\ufeff",
  "\ufffd",
  "\\",
  '"',
] as const;

/** Lines of text with no "\n" (a frame's payload), well-formed UTF-16 so they survive a UTF-8 round trip. */
export const lineText = fc
  .array(fc.oneof(fc.constantFrom(...awkwardCharacters), fc.string({ unit: "grapheme", maxLength: 6 })), {
    maxLength: 8,
  })
  .map((parts) => parts.join("").replaceAll("\n", " "));

/** Splits `bytes` at arbitrary offsets, as a pipe may deliver them. */
export function splitBytes(bytes: Uint8Array, cuts: number[]): Buffer[] {
  const offsets = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let start = 0;
  for (const offset of [...offsets, bytes.length]) {
    pieces.push(Buffer.from(bytes.subarray(start, offset)));
    start = offset;
  }
  return pieces;
}
