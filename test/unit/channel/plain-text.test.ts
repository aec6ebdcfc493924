import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findFencedBlocks } from "../../../app/channel/markdown-fences.ts";
import { toPlainReply, toPlainText } from "../../../app/channel/plain-text.ts";

describe("model artefacts", () => {
  it("removes a [[reply_to: 42]] tag and keeps the reply", () => {
    expect(toPlainText("[[reply_to: 42]] Sure, the meeting is at 3.")).toBe("Sure, the meeting is at 3.");
  });

  it("removes [[reply_to_current]] in the middle of a sentence without doubling the space", () => {
    expect(toPlainText("Sure [[reply_to_current]] thing")).toBe("Sure thing");
  });

  it("removes a reply tag written with spaces and a non-numeric id", () => {
    expect(toPlainText("[[ reply_to : abc ]]\nHello")).toBe("Hello");
  });

  it("removes a thinking block", () => {
    expect(toPlainText("<think>The user wants a greeting.</think>\nHi!")).toBe("Hi!");
  });

  it("removes a <thinking> block spanning several lines", () => {
    expect(toPlainText("<thinking>\nstep 1\nstep 2\n</thinking>\n\nDone.")).toBe("Done.");
  });

  it("drops an unterminated thinking block at the end", () => {
    expect(toPlainText("Here is the answer.\n<think>but wait, maybe")).toBe("Here is the answer.");
  });

  it("sends nothing when the model only thought", () => {
    expect(toPlainText("<think>nothing to say")).toBe("");
  });

  it("drops reasoning that ends in a closing tag without an opening one", () => {
    expect(toPlainText("I should be brief.</think>\n\nThe answer is 4.")).toBe("The answer is 4.");
  });

  it("drops a code fence that appears inside a thinking block", () => {
    expect(toPlainText("<think>\n```\nsecret\n```\n</think>Answer")).toBe("Answer");
  });

  it("keeps the content of <final> tags", () => {
    expect(toPlainText("<final>The final answer</final>")).toBe("The final answer");
  });

  it("removes a leading role marker", () => {
    expect(toPlainText("Assistant: Hello there")).toBe("Hello there");
    expect(toPlainText("assistant:Hello there")).toBe("Hello there");
  });

  it("keeps the word assistant later in the text", () => {
    expect(toPlainText("I am your assistant: ask away")).toBe("I am your assistant: ask away");
  });

  it("keeps a <think> tag written as inline code", () => {
    expect(toPlainText("Wrap it in `<think>` tags.")).toBe("Wrap it in <think> tags.");
  });
});

describe("markdown to plain text", () => {
  it("turns headings into their text", () => {
    expect(toPlainText("## Plan for today ##")).toBe("Plan for today");
  });

  it("keeps a #hashtag", () => {
    expect(toPlainText("#blessed")).toBe("#blessed");
  });

  it("removes bold and emphasis markers", () => {
    expect(toPlainText("**bold**, __also bold__, *em* and _em_")).toBe("bold, also bold, em and em");
  });

  it("leaves snake_case names alone", () => {
    expect(toPlainText("set my_var_name and other_var_name")).toBe("set my_var_name and other_var_name");
  });

  it("leaves arithmetic alone", () => {
    expect(toPlainText("2*3*4 = 24 and 2 * 3 * 4 too")).toBe("2*3*4 = 24 and 2 * 3 * 4 too");
  });

  it("writes a link as its label and address", () => {
    expect(toPlainText("See [the docs](https://example.com/docs).")).toBe(
      "See the docs (https://example.com/docs).",
    );
  });

  it("writes a link whose label is its address once", () => {
    expect(toPlainText("[https://example.com](https://example.com)")).toBe("https://example.com");
  });

  it("keeps parentheses inside a link address", () => {
    expect(toPlainText("[Foo](https://en.wikipedia.org/wiki/Foo_(bar))")).toBe(
      "Foo (https://en.wikipedia.org/wiki/Foo_(bar))",
    );
  });

  it("writes an image as its description and address", () => {
    expect(toPlainText("![a cat](https://example.com/cat.png)")).toBe("a cat (https://example.com/cat.png)");
  });

  it("does not treat underscores inside a bare address as emphasis", () => {
    expect(toPlainText("https://example.com/_private_/page")).toBe("https://example.com/_private_/page");
  });

  it("removes the ticks around inline code and leaves its content alone", () => {
    expect(toPlainText("run `rm *.tmp_*` now")).toBe("run rm *.tmp_* now");
  });

  it("turns bullet lists into • items", () => {
    expect(toPlainText("- milk\n* eggs\n+ bread")).toBe("• milk\n• eggs\n• bread");
  });

  it("keeps the indentation of nested bullets", () => {
    expect(toPlainText("- fruit\n  - apples")).toBe("• fruit\n  • apples");
  });

  it("keeps numbered lists", () => {
    expect(toPlainText("1. first\n2) second")).toBe("1. first\n2) second");
  });

  it("keeps blockquote markers and reduces the quoted text", () => {
    expect(toPlainText("> **Note**: it rains")).toBe("> Note: it rains");
  });

  it("keeps tables readable and drops the delimiter row", () => {
    expect(toPlainText("| Day | Temp |\n|-----|:----:|\n| Mon | 20 |\n| Tue | 22 |")).toBe(
      "Day | Temp\nMon | 20\nTue | 22",
    );
  });

  it("drops horizontal rules", () => {
    expect(toPlainText("above\n\n---\n\nbelow")).toBe("above\n\nbelow");
  });

  it("drops a setext heading underline", () => {
    expect(toPlainText("Title\n=====\ntext")).toBe("Title\ntext");
  });

  it("keeps backslash-escaped characters literally", () => {
    expect(toPlainText("\\*not emphasis\\*")).toBe("*not emphasis*");
  });

  it("collapses runs of blank lines into one", () => {
    expect(toPlainText("one\n\n\n\n\ntwo")).toBe("one\n\ntwo");
  });

  it("trims the message", () => {
    expect(toPlainText("\n\n   hello  \n\n")).toBe("hello");
  });
});

describe("fenced code", () => {
  const code = "def f(a_b):\n    return a_b * 2  # **not bold**\n\n\n\n    [[reply_to: 1]] <final>x</final>";

  it("keeps the content of a fenced block byte for byte and drops the fences", () => {
    expect(toPlainText(`Here:\n\n\`\`\`python\n${code}\n\`\`\`\n\nDone.`)).toBe(`Here:\n\n${code}\n\nDone.`);
  });

  it("keeps a tilde fence's content", () => {
    expect(toPlainText("~~~\n- not a bullet\n~~~")).toBe("- not a bullet");
  });

  it("keeps the indentation of a code line that opens the message", () => {
    expect(toPlainText("```\n    indented\n```")).toBe("    indented");
  });

  it("keeps an unterminated fence's content to the end", () => {
    expect(toPlainText("```js\nconst x = *y*;")).toBe("const x = *y*;");
  });

  it("keeps a <think> tag written inside code", () => {
    expect(toPlainText("```html\n<think>not reasoning</think>\n```")).toBe("<think>not reasoning</think>");
  });

  it("reports where each code block is in the plain text", () => {
    const reply = toPlainReply("Look:\n```\nabc\n```\nend");
    expect(reply.text).toBe("Look:\nabc\nend");
    expect(reply.codeRanges).toEqual([{ start: 6, end: 9 }]);
  });

  it("finds fenced blocks in markdown, fences included", () => {
    const text = "a\n```\nx\n```\nb\n~~~~\ny";
    expect(findFencedBlocks(text)).toEqual([
      { start: 2, end: 11 },
      { start: 14, end: text.length },
    ]);
  });
});

describe("plain text properties", () => {
  it("never throws, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (text) => {
        toPlainReply(text);
      }),
    );
  });

  it("never throws on markdown-heavy input", () => {
    const token = fc.constantFrom(
      "```",
      "~~~",
      "\n",
      " ",
      "*",
      "_",
      "`",
      "[",
      "](",
      ")",
      "|",
      "-",
      "#",
      ">",
      "<think>",
      "</think>",
      "[[reply_to: 1]]",
      "a",
      "\\",
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (tokens) => {
        const reply = toPlainReply(tokens.join(""));
        for (const range of reply.codeRanges) {
          expect(range.start).toBeGreaterThanOrEqual(0);
          expect(range.end).toBeLessThanOrEqual(reply.text.length);
        }
      }),
    );
  });

  it("keeps every fenced block's content unchanged", () => {
    const codeLine = fc
      .string({ maxLength: 20 })
      .filter((s) => !s.includes("\n") && !/^[ \t]*(`{3}|~{3})/.test(s));
    fc.assert(
      fc.property(fc.array(codeLine, { minLength: 1, maxLength: 5 }), (lines) => {
        const body = lines.join("\n");
        if (body.trim() === "") return;
        const reply = toPlainReply(`Intro\n\`\`\`\n${body}\n\`\`\`\nOutro`);
        const range = reply.codeRanges[0];
        expect(range).toBeDefined();
        if (range) expect(reply.text.slice(range.start, range.end)).toBe(body);
      }),
    );
  });
});
