import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChunkMode } from "../../../app/channel/chunk-text.ts";
import { chunkText } from "../../../app/channel/chunk-text.ts";

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Offsets of each chunk in `text`, asserting that only whitespace lies between chunks. */
function locate(text: string, chunks: string[]): number[] {
  const offsets: number[] = [];
  let cursor = 0;
  for (const chunk of chunks) {
    let k = cursor;
    while (!text.startsWith(chunk, k)) {
      if (k >= text.length || !/\s/.test(text[k] ?? "")) {
        throw new Error(
          `chunk ${JSON.stringify(chunk)} does not follow at ${cursor} in ${JSON.stringify(text)}`,
        );
      }
      k++;
    }
    offsets.push(k);
    cursor = k + chunk.length;
  }
  expect(text.slice(cursor).trim()).toBe("");
  return offsets;
}

function graphemeBoundaries(text: string): Set<number> {
  const boundaries = new Set<number>([text.length]);
  for (const { index } of segmenter.segment(text)) boundaries.add(index);
  return boundaries;
}

function expectWholeGraphemes(text: string, chunks: string[]): void {
  const boundaries = graphemeBoundaries(text);
  const offsets = locate(text, chunks);
  for (const [i, chunk] of chunks.entries()) {
    const start = offsets[i] ?? 0;
    expect(boundaries.has(start), `chunk ${i} starts inside a grapheme`).toBe(true);
    expect(boundaries.has(start + chunk.length), `chunk ${i} ends inside a grapheme`).toBe(true);
  }
}

const words = (count: number) =>
  Array.from({ length: count }, (_, i) => ["alpha", "beta", "gamma", "delta"][i % 4]).join(" ");

describe("chunkText in length mode", () => {
  it("sends a short text as one chunk", () => {
    expect(chunkText("Hello there", { limit: 4000, mode: "length" })).toEqual(["Hello there"]);
  });

  it("sends nothing for an empty or blank text", () => {
    expect(chunkText("", { limit: 10, mode: "length" })).toEqual([]);
    expect(chunkText(" \n\t\n ", { limit: 10, mode: "length" })).toEqual([]);
  });

  it("splits a 9,000-character reply into chunks of at most 4,000 that reassemble", () => {
    const text = words(2000).slice(0, 9000);
    expect(text.length).toBe(9000);
    const chunks = chunkText(text, { limit: 4000, mode: "length" });
    expect(chunks).toHaveLength(3);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(4000);
    locate(text, chunks);
  });

  it("breaks at the last newline inside the window", () => {
    expect(chunkText("one two\nthree four five", { limit: 16, mode: "length" })).toEqual([
      "one two",
      "three four five",
    ]);
  });

  it("breaks at the last space when the window has no newline", () => {
    expect(chunkText("one two three four", { limit: 10, mode: "length" })).toEqual(["one two", "three four"]);
  });

  it("cuts hard when the window has no whitespace", () => {
    expect(chunkText("abcdefghij", { limit: 4, mode: "length" })).toEqual(["abcd", "efgh", "ij"]);
  });

  it("drops only the whitespace at the break", () => {
    expect(chunkText("a  b   cc  \n  dd", { limit: 9, mode: "length" })).toEqual(["a  b   cc", "dd"]);
  });

  it("never splits a surrogate pair", () => {
    const text = "😀".repeat(5);
    const chunks = chunkText(text, { limit: 3, mode: "length" });
    expect(chunks).toEqual(["😀", "😀", "😀", "😀", "😀"]);
  });

  it("keeps an emoji ZWJ sequence whole at a chunk border", () => {
    const family = "👨‍👩‍👧‍👦";
    const text = `ab${family}${family}`;
    const chunks = chunkText(text, { limit: 12, mode: "length" });
    expect(chunks).toEqual(["ab", family, family]);
  });

  it("keeps flags whole at a chunk border", () => {
    const text = "x🇺🇸🇫🇷🇯🇵";
    const chunks = chunkText(text, { limit: 6, mode: "length" });
    expect(chunks).toEqual(["x🇺🇸", "🇫🇷", "🇯🇵"]);
  });

  it("keeps a skin-tone modifier with its emoji", () => {
    const wave = "👋🏽";
    const chunks = chunkText(`a${wave}${wave}`, { limit: 4, mode: "length" });
    expect(chunks).toEqual(["a", wave, wave]);
  });

  it("keeps a combining mark with the space it sits on", () => {
    const text = "abc \u0301def";
    const chunks = chunkText(text, { limit: 5, mode: "length" });
    expectWholeGraphemes(text, chunks);
    expect(chunks).toEqual(["abc", " \u0301def"]);
  });

  it("cuts a single grapheme longer than the limit between code points", () => {
    const zalgo = `a${"\u0301".repeat(9)}`;
    const chunks = chunkText(zalgo, { limit: 4, mode: "length" });
    expect(chunks.join("")).toBe(zalgo);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(4);
  });

  it("moves a code fence that would straddle the border into the next chunk", () => {
    const fence = "```\nline one\nline two\n```";
    const text = `Intro words here\n${fence}`;
    const chunks = chunkText(text, { limit: 30, mode: "length" });
    expect(chunks).toEqual(["Intro words here", fence]);
  });

  it("splits a code fence longer than the limit inside, at newlines, keeping indentation", () => {
    const fence = "```\ndef f():\n    return 1\n\n    # done\n```";
    const chunks = chunkText(fence, { limit: 20, mode: "length" });
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(20);
    expect(chunks).toEqual(["```\ndef f():", "    return 1", "    # done\n```"]);
  });

  it("keeps caller-given ranges together", () => {
    const text = "aaaa bbbb cccc dddd";
    const chunks = chunkText(text, { limit: 12, mode: "length", keepTogether: [{ start: 5, end: 14 }] });
    expect(chunks).toEqual(["aaaa", "bbbb cccc", "dddd"]);
  });

  it("counts a limit below 2 as 2", () => {
    expect(chunkText("abc", { limit: 0, mode: "length" })).toEqual(["ab", "c"]);
  });
});

describe("chunkText in newline mode", () => {
  it("sends each paragraph as its own chunk", () => {
    expect(
      chunkText("First.\n\nSecond\nstill second.\n\n\nThird.", { limit: 4000, mode: "newline" }),
    ).toEqual(["First.", "Second\nstill second.", "Third."]);
  });

  it("length-splits only a paragraph that is itself too long", () => {
    const long = words(30);
    const chunks = chunkText(`Short.\n\n${long}\n\nEnd.`, { limit: 60, mode: "newline" });
    expect(chunks[0]).toBe("Short.");
    expect(chunks.at(-1)).toBe("End.");
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(60);
  });

  it("splits a 9,000-character reply of paragraphs into one chunk per paragraph", () => {
    const paragraph = `${"word ".repeat(179)}end`;
    const text = Array.from({ length: 10 }, () => paragraph).join("\n\n");
    expect(text.length).toBe(8998);
    const chunks = chunkText(text, { limit: 4000, mode: "newline" });
    expect(chunks).toEqual(Array.from({ length: 10 }, () => paragraph));
  });

  it("does not split a code fence at its blank lines", () => {
    const fence = "```\na = 1\n\nb = 2\n```";
    expect(chunkText(`Code:\n${fence}\n\nAfter.`, { limit: 100, mode: "newline" })).toEqual([
      `Code:\n${fence}`,
      "After.",
    ]);
  });
});

describe("chunkText properties", () => {
  const mode = fc.constantFrom<ChunkMode>("length", "newline");
  const text = fc.string({
    unit: fc.oneof(
      fc.constantFrom(
        " ",
        "\n",
        "\n\n",
        "\t",
        "a",
        "é",
        "e\u0301",
        "😀",
        "👨‍👩‍👧",
        "🇺🇸",
        "👋🏽",
        "```\n",
        "\u00a0",
      ),
      fc.string({ unit: "grapheme", maxLength: 1 }),
    ),
    maxLength: 200,
  });

  it("chunks are never longer than the limit, never blank, and reassemble into the text", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 50 }), mode, (input, limit, chunkMode) => {
        const chunks = chunkText(input, { limit, mode: chunkMode });
        for (const chunk of chunks) {
          expect(chunk.length).toBeLessThanOrEqual(limit);
          expect(chunk.trim()).not.toBe("");
        }
        locate(input, chunks);
      }),
      { numRuns: 500 },
    );
  });

  it("chunks start and end on grapheme boundaries when every grapheme fits", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 16, max: 60 }), mode, (input, limit, chunkMode) => {
        const longest = Math.max(0, ...[...segmenter.segment(input)].map((s) => s.segment.length));
        fc.pre(longest < limit);
        expectWholeGraphemes(input, chunkText(input, { limit, mode: chunkMode }));
      }),
      { numRuns: 500 },
    );
  });

  it("never throws, whatever the text and limit", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 200 }),
        fc.double(),
        mode,
        (input, limit, chunkMode) => {
          chunkText(input, { limit, mode: chunkMode });
        },
      ),
    );
  });
});
