/**
 * Reply post-processing runs on the gateway's main thread, so its work must
 * grow in step with the reply. Checked as a ratio, not a time budget: the text
 * grows four times, and work that grows sixteen times (a scan from every tag)
 * is told apart from work that grows four times on any machine, however busy.
 */
import { describe, expect, it } from "vitest";
import { chunkText } from "../../../app/channel/chunk-text.ts";
import { formatReply } from "../../../app/channel/format-reply.ts";
import { toPlainReply } from "../../../app/channel/plain-text.ts";

// Past the cap on what is formatted, so the whole text goes through the artefact search.
const options = { textChunkLimit: 1_000_000, chunkMode: "length" as const };

/**
 * The fastest of three runs, each on its own copy of the text (one more character at the end): V8
 * remembers a regular expression's results on a string it has already searched, so a second run on
 * the same string measures that memory, not the work.
 */
function fastest(
  text: string,
  work: (text: string) => unknown = (copy) => formatReply(copy, options),
): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const copy = `${text}${i}`;
    const start = performance.now();
    work(copy);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** How much longer the text four times the size takes; about 4 for one pass, about 16 for a quadratic one. */
function growth(make: (size: number) => string, size: number): number {
  const small = make(size);
  const large = make(size * 4);
  fastest(small);
  // A floor of a millisecond keeps timer noise on a tiny input from reading as growth.
  return fastest(large) / Math.max(1, fastest(small));
}

const SIZE = 160_000;
const shapes: Record<string, (size: number) => string> = {
  "closing reasoning tags": (size) => "</think>".repeat(size / 8),
  "final tags on one line": (size) => `a ${"<final>".repeat(size / 7)}`,
  "chat-template tokens": (size) => "<|x|>".repeat(size / 5),
  "reply directives": (size) => "[[reply_to_current]]".repeat(size / 20),
  "a long run of spaces": (size) => `a${" ".repeat(size)}a`,
  "unclosed fences inside reasoning": (size) => "<think>\n```x\n</think>\n".repeat(size / 20),
  "quote markers": (size) => ">".repeat(size),
};

describe("reply post-processing grows in step with the reply", () => {
  for (const [name, make] of Object.entries(shapes)) {
    // A retry absorbs a burst of load on a shared machine; quadratic work fails every try.
    it(name, { retry: 2 }, () => {
      expect(growth(make, SIZE)).toBeLessThan(10);
    });
  }

  it("reduces a line of thousands of quote markers without running out of stack", () => {
    expect(toPlainReply(`${">".repeat(200_000)} hi`).text.endsWith("> hi")).toBe(true);
  });
});

describe("chunking grows in step with the text", () => {
  // `pinch send` chunks what it is given, uncapped: each cut must look back a bounded way.
  it("text without a newline", { retry: 2 }, () => {
    const chunk = (text: string) => chunkText(text, { limit: 100, mode: "length" });
    // Eight times the text: about 8 times the work in one pass, about 64 times in a quadratic one.
    const small = "x ".repeat(50_000);
    const large = "x ".repeat(400_000);
    chunk(small);
    expect(fastest(large, chunk) / Math.max(1, fastest(small, chunk))).toBeLessThan(20);
  });
});
