import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ChunkMode, chunkText } from "../../../app/channel/chunk-text.ts";
import { formatReply } from "../../../app/channel/format-reply.ts";
import { textFrom } from "./fuzz-arbitraries.ts";

const mode = fc.constantFrom<ChunkMode>("length", "newline");

/** Replies as models write them: words, long unbroken runs, blank lines, fences, emoji, odd spaces. */
const replyText = textFrom(
  [
    "word ",
    "another ",
    "supercalifragilisticexpialidocious",
    "https://example.com/a/very/long/path?with=query&and=more",
    "\n",
    "\n\n",
    "\n \n",
    "  ",
    "\t",
    "```\n",
    "```ts\nconst a = 1;\n```\n",
    "    indented code\n",
    "- item\n",
    "😀",
    "👨‍👩‍👧",
    "🇺🇸🇫🇷",
    "e\u0301",
    "\u00a0",
    "\u2028",
    "\u3000",
  ],
  40,
);

/**
 * The mode's promise: each chunk is a piece of the text, in order, and only
 * whitespace lies between (and around) the pieces. Joining the chunks with the
 * whitespace that was between them gives the text back.
 */
function expectPiecesOf(input: string, chunks: string[]): void {
  let at = 0;
  for (const chunk of chunks) {
    const found = input.indexOf(chunk, at);
    expect(found, `chunk ${JSON.stringify(chunk)} not found in order`).toBeGreaterThanOrEqual(0);
    expect(input.slice(at, found).trim(), "only whitespace is dropped between chunks").toBe("");
    at = found + chunk.length;
  }
  expect(input.slice(at).trim()).toBe("");
}

describe("chunker, fuzzed", () => {
  it("chunks fit the limit, are never blank, and give back the text but for the whitespace at breaks", () => {
    fc.assert(
      fc.property(replyText, fc.integer({ min: 2, max: 120 }), mode, (input, limit, chunkMode) => {
        const chunks = chunkText(input, { limit, mode: chunkMode });
        for (const chunk of chunks) {
          expect(chunk.length).toBeLessThanOrEqual(limit);
          expect(chunk.trim()).not.toBe("");
        }
        expectPiecesOf(input, chunks);
        // Nothing but whitespace is ever lost.
        expect(chunks.join("").replace(/\s/g, "")).toBe(input.replace(/\s/g, ""));
      }),
      { numRuns: 400 },
    );
  });

  it("a fenced code block that fits the limit arrives in one message", () => {
    const block = fc
      .array(fc.constantFrom("x = 1", "  y = [1, 2]", "", "print(x)"), { minLength: 1, maxLength: 4 })
      .map((lines) => `\`\`\`\n${lines.join("\n")}\n\`\`\``);
    fc.assert(
      fc.property(replyText, block, replyText, mode, (before, code, after, chunkMode) => {
        const input = `${before.replaceAll("```", "")}\n\n${code}\n\n${after.replaceAll("```", "")}`;
        const chunks = chunkText(input, { limit: code.length + 10, mode: chunkMode });
        expect(chunks.some((chunk) => chunk.includes(code))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("the whole outbound path never throws and keeps every message within the limit", () => {
    fc.assert(
      fc.property(
        fc.oneof(replyText, fc.string({ unit: "binary", maxLength: 200 })),
        fc.integer({ min: 2, max: 200 }),
        mode,
        fc.option(fc.constantFrom("🦞", "[bot]", "  ", "Pinch:"), { nil: undefined }),
        (input, limit, chunkMode, responsePrefix) => {
          const chunks = formatReply(input, { textChunkLimit: limit, chunkMode, responsePrefix });
          for (const chunk of chunks) {
            expect(chunk.length).toBeLessThanOrEqual(limit);
            expect(chunk.trim()).not.toBe("");
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
