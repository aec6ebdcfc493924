import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatReply } from "../../../app/channel/format-reply.ts";
import { MAX_REPLY_CHUNKS, REPLY_CUT_MARKER } from "../../../app/channel/reply-cap.ts";

const defaults = { textChunkLimit: 4000, chunkMode: "length" as const };

describe("formatReply", () => {
  it("sends a reply carrying [[reply_to: 42]] without the tag", () => {
    expect(formatReply("[[reply_to: 42]] See you at 6.", defaults)).toEqual(["See you at 6."]);
  });

  it("sends a command's answer verbatim: no markdown reduction, the prefix and chunks as usual", () => {
    const shown = 'channels.imessage.groups["*"] = {\n  "requireMention": *true*\n}';
    expect(formatReply(shown, { ...defaults, verbatim: true })).toEqual([shown]);
    expect(formatReply("**as typed**", { ...defaults, verbatim: true, responsePrefix: "🦞" })).toEqual([
      "🦞 **as typed**",
    ]);
    expect(formatReply("aaaa bbbb", { textChunkLimit: 5, chunkMode: "length", verbatim: true })).toEqual([
      "aaaa",
      "bbbb",
    ]);
  });

  it("sends nothing when the model said nothing but artefacts", () => {
    expect(formatReply("<think>the user is testing me", defaults)).toEqual([]);
    expect(formatReply("[[reply_to_current]]\n\n", defaults)).toEqual([]);
    expect(
      formatReply("<thought>no need to answer</thought>\n+#+#+#+#\n<|im_end|>", {
        ...defaults,
        responsePrefix: "🦞",
      }),
    ).toEqual([]);
  });

  it("sends nothing for an empty reply even with a response prefix", () => {
    expect(formatReply("", { ...defaults, responsePrefix: "🦞" })).toEqual([]);
  });

  it("puts the response prefix and a space before the text", () => {
    expect(formatReply("**Hello**", { ...defaults, responsePrefix: "🦞" })).toEqual(["🦞 Hello"]);
  });

  it("puts the response prefix on the first chunk only", () => {
    const chunks = formatReply("aaaa bbbb cccc", {
      textChunkLimit: 10,
      chunkMode: "length",
      responsePrefix: "[bot]",
    });
    expect(chunks).toEqual(["[bot] aaaa", "bbbb cccc"]);
  });

  it("puts the prefix on its own line when the reply opens with code", () => {
    expect(formatReply("```\nls -la\n```", { ...defaults, responsePrefix: "🦞" })).toEqual(["🦞\nls -la"]);
  });

  it("ignores a blank response prefix", () => {
    expect(formatReply("Hi", { ...defaults, responsePrefix: "  " })).toEqual(["Hi"]);
  });

  it("keeps a code block that fits in one message whole, fences removed", () => {
    const code = "for i in range(3):\n    print(i)";
    const chunks = formatReply(`Here is the loop you asked for:\n\`\`\`python\n${code}\n\`\`\``, {
      textChunkLimit: 40,
      chunkMode: "length",
    });
    expect(chunks).toEqual(["Here is the loop you asked for:", code]);
  });

  it("splits a code block longer than the limit inside it", () => {
    const code = Array.from({ length: 8 }, (_, i) => `line_${i} = ${i}`).join("\n");
    const chunks = formatReply(`\`\`\`\n${code}\n\`\`\``, { textChunkLimit: 40, chunkMode: "length" });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join("\n")).toBe(code);
  });

  it("splits a 9,000-character reply in length mode", () => {
    const reply = "word ".repeat(1800).trim();
    const chunks = formatReply(reply, { ...defaults, responsePrefix: "🦞" });
    expect(chunks).toHaveLength(3);
    expect(chunks[0]?.startsWith("🦞 word")).toBe(true);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(4000);
  });

  it("sends each paragraph of a 9,000-character reply in newline mode", () => {
    const paragraph = `${"word ".repeat(179)}end`;
    const reply = Array.from({ length: 10 }, () => paragraph).join("\n\n");
    const chunks = formatReply(reply, { textChunkLimit: 4000, chunkMode: "newline" });
    expect(chunks).toEqual(Array.from({ length: 10 }, () => paragraph));
  });

  it("never throws and never sends a blank or oversized message", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 300 }),
        fc.integer({ min: 2, max: 80 }),
        fc.constantFrom("length" as const, "newline" as const),
        fc.option(fc.string({ maxLength: 5 }), { nil: undefined }),
        (text, limit, chunkMode, responsePrefix) => {
          for (const chunk of formatReply(text, { textChunkLimit: limit, chunkMode, responsePrefix })) {
            expect(chunk.trim()).not.toBe("");
            expect(chunk.length).toBeLessThanOrEqual(limit);
          }
        },
      ),
    );
  });
});

describe("a reply past the cap", () => {
  const small = { textChunkLimit: 100, chunkMode: "length" as const };
  const endsCut = (chunk: string | undefined) => chunk?.endsWith(`\n${REPLY_CUT_MARKER}`) === true;

  it("is cut to the bounded number of messages, the last ending with the marker within the limit", () => {
    for (const verbatim of [false, true]) {
      for (const text of ["word ".repeat(1_000_000), "x".repeat(3_000_000), "line\n".repeat(500_000)]) {
        const chunks = formatReply(`echo: ${text}`, { ...small, verbatim, responsePrefix: "🦞" });
        expect(chunks).toHaveLength(MAX_REPLY_CHUNKS);
        expect(chunks[0]?.startsWith("🦞 echo:")).toBe(true);
        expect(endsCut(chunks.at(-1))).toBe(true);
        for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(100);
      }
    }
  });

  it("cuts code kept whole too, and says so", () => {
    const code = `\`\`\`\n${"let a = 1;\n".repeat(100_000)}\`\`\``;
    const chunks = formatReply(code, small);
    expect(chunks).toHaveLength(MAX_REPLY_CHUNKS);
    expect(endsCut(chunks.at(-1))).toBe(true);
  });

  it("sends a reply that fits in the bounded number of messages whole, without the marker", () => {
    const fits = Array.from({ length: MAX_REPLY_CHUNKS }, (_, i) => `${i}`.padEnd(100, "x")).join("\n");
    const chunks = formatReply(fits, small);
    expect(chunks).toHaveLength(MAX_REPLY_CHUNKS);
    expect(chunks.join("\n")).toBe(fits);
  });

  it("still hides reasoning whose closing tag comes after the part that is sent", () => {
    const chunks = formatReply(`${"secret reasoning ".repeat(200_000)}</think>the answer`, small);
    expect(chunks).toEqual(["the answer"]);
  });

  it("keeps as much of the marker as a tiny limit allows", () => {
    const chunks = formatReply("ab ".repeat(10_000), { textChunkLimit: 5, chunkMode: "length" });
    expect(chunks).toHaveLength(MAX_REPLY_CHUNKS);
    expect(chunks.at(-1)).toBe(REPLY_CUT_MARKER.slice(0, 5));
  });
});
