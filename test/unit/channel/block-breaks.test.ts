import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BlockRules, nextBlockBreak } from "../../../app/channel/block-breaks.ts";
import { formatReply } from "../../../app/channel/format-reply.ts";
import { findFencedBlocks } from "../../../app/channel/markdown-fences.ts";

/** Feeds `text` in the given delta sizes, cutting parts as the streamer does; the rest is the last part. */
function streamParts(text: string, sizes: number[], rules: BlockRules, idleEvery = 0): string[] {
  const parts: string[] = [];
  let buffer = "";
  let at = 0;
  let step = 0;
  while (at < text.length) {
    const size = sizes[step % sizes.length] ?? 1;
    buffer += text.slice(at, at + size);
    at += size;
    step++;
    const idle = idleEvery > 0 && step % idleEvery === 0;
    for (
      let end = nextBlockBreak(buffer, rules, idle);
      end !== undefined;
      end = nextBlockBreak(buffer, rules, false)
    ) {
      parts.push(buffer.slice(0, end));
      buffer = buffer.slice(end);
    }
  }
  if (buffer !== "") parts.push(buffer);
  return parts;
}

const format = { textChunkLimit: 4000, chunkMode: "length" as const };
const squash = (chunks: string[]) => chunks.join(" ").replace(/\s+/g, " ").trim();

/** What the chat gets from the parts: each formatted on its own, the prefix on the first that says anything. */
function sentText(parts: string[], responsePrefix?: string): string {
  const chunks: string[] = [];
  for (const part of parts)
    chunks.push(
      ...formatReply(part, { ...format, responsePrefix: chunks.length === 0 ? responsePrefix : undefined }),
    );
  return squash(chunks);
}

const word = fc.constantFrom(
  "hello",
  "world",
  "Messages",
  "café",
  "naïve",
  "👩‍👩‍👧",
  "🇫🇷",
  "👍🏽",
  "日本語",
  "x".repeat(40),
  "**bold**",
  "`code`",
  "[link](https://example.com)",
);
const sentence = fc
  .array(word, { minLength: 1, maxLength: 14 })
  .chain((words) => fc.constantFrom(".", "!", "?", "…").map((end) => `${words.join(" ")}${end}`));
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 6 }).map((sentences) => sentences.join(" "));
const listBlock = fc
  .array(sentence, { minLength: 1, maxLength: 4 })
  .map((items) => items.map((item) => `- ${item}`).join("\n"));
const heading = sentence.map((line) => `## ${line.replace(/[.!?…]$/, "")}`);
const fence = fc
  .array(
    fc.constantFrom(
      "const a = 1;",
      "",
      "  if (x) {",
      "    return `y`;",
      "  }",
      "# not a heading",
      "a.b(c). d",
    ),
    {
      minLength: 1,
      maxLength: 12,
    },
  )
  .map((lines) => `\`\`\`ts\n${lines.join("\n")}\n\`\`\``);
const longLine = fc.array(word, { minLength: 60, maxLength: 120 }).map((words) => words.join(" "));
const answer = fc
  .array(fc.oneof({ weight: 4, arbitrary: paragraph }, listBlock, heading, fence, longLine), {
    minLength: 1,
    maxLength: 10,
  })
  .map((blocks) => blocks.join("\n\n"));
const rules = fc
  .record({ minChars: fc.integer({ min: 0, max: 400 }), maxChars: fc.integer({ min: 60, max: 1500 }) })
  .map(({ minChars, maxChars }) => ({ minChars: Math.min(minChars, maxChars), maxChars }));
const sizes = fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 8 });

describe("block breaks", () => {
  it("the parts together say what the one-shot reply says, whatever the deltas, limits and waits", () => {
    fc.assert(
      fc.property(answer, rules, sizes, fc.integer({ min: 0, max: 7 }), (text, limits, steps, idleEvery) => {
        const parts = streamParts(text, steps, limits, idleEvery);
        expect(parts.join("")).toBe(text);
        expect(sentText(parts, "🦞")).toBe(squash(formatReply(text, { ...format, responsePrefix: "🦞" })));
      }),
      { numRuns: 300 },
    );
  });

  it("never cuts inside a code fence or a grapheme, and keeps parts within maxChars outside long fences", () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
    fc.assert(
      fc.property(answer, rules, sizes, fc.integer({ min: 0, max: 7 }), (text, limits, steps, idleEvery) => {
        const parts = streamParts(text, steps, limits, idleEvery);
        const fences = findFencedBlocks(text);
        const boundaries = new Set([...segmenter.segment(text)].map((segment) => segment.index));
        let at = 0;
        for (const part of parts.slice(0, -1)) {
          at += part.length;
          expect(fences.some((range) => at > range.start && at < range.end)).toBe(false);
          expect(boundaries.has(at)).toBe(true);
          const wholeFence = fences.some((range) => range.end - range.start > limits.maxChars);
          if (!wholeFence) expect(part.length).toBeLessThanOrEqual(limits.maxChars);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("sends a paragraph once it is complete and long enough, not before", () => {
    const first = `${"A sentence of the first paragraph. ".repeat(4).trim()}\n\n`;
    const limits = { minChars: 50, maxChars: 1500 };
    expect(nextBlockBreak(first.slice(0, -1), limits, false)).toBeUndefined();
    expect(nextBlockBreak(`${first}Second`, limits, false)).toBe(first.length);
    expect(nextBlockBreak(`Short.\n\nMore`, limits, false)).toBeUndefined();
  });

  it("waits for a code block to close, then sends it whole", () => {
    const limits = { minChars: 10, maxChars: 1500 };
    const open = "Here is the code:\n\n```js\nconst a = 1;\n\nconst b = 2;\n";
    expect(nextBlockBreak(open, limits, false)).toBe("Here is the code:\n\n".length);
    const code = "```js\nconst a = 1;\n\nconst b = 2;\n";
    expect(nextBlockBreak(code, limits, true)).toBeUndefined();
    expect(nextBlockBreak(`${code}\`\`\`\nAfter`, limits, false)).toBe(`${code}\`\`\`\n`.length);
  });

  it("after the wait, sends the last finished sentence of a paragraph still being written", () => {
    const limits = { minChars: 200, maxChars: 1500 };
    const text = "First sentence. Second one! Third is still bein";
    expect(nextBlockBreak(text, limits, false)).toBeUndefined();
    expect(nextBlockBreak(text, limits, true)).toBe("First sentence. Second one!".length);
  });
});
