/**
 * Code survives the plain-text conversion: fences and code spans keep their
 * content, names with underscores and arithmetic written in prose keep their
 * delimiters, while real emphasis is still reduced.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toPlainReply, toPlainText } from "../../../app/channel/plain-text.ts";

const word = fc.stringMatching(/^[a-z]{1,8}$/);
const words = (min: number, max: number) =>
  fc.array(word, { minLength: min, maxLength: max }).map((list) => list.join(" "));

/** Prose around code: words, markdown and artefacts, but nothing that opens code or hides text. */
const proseLine = fc
  .array(
    fc.oneof(
      word,
      fc.constantFrom("*", "**", "_", "#", "> ", "- ", "[[reply_to: 1]]", "<final>", "+#+#", "(", ")", "|"),
    ),
    { maxLength: 8 },
  )
  .map((tokens) => tokens.join(" "));

describe("code examples in replies", () => {
  it("keeps def __init__(self): and __main__ as written", () => {
    expect(toPlainText("def __init__(self):")).toBe("def __init__(self):");
    expect(toPlainText('if __name__ == "__main__":')).toBe('if __name__ == "__main__":');
    expect(toPlainText("Edit __init__.py.")).toBe("Edit __init__.py.");
  });

  it("keeps arithmetic with parentheses and glob paths", () => {
    expect(toPlainText("(2+3)*(4+5)*(6) = 270")).toBe("(2+3)*(4+5)*(6) = 270");
    expect(toPlainText("match src/**/*.ts and lib/**/*.js")).toBe("match src/**/*.ts and lib/**/*.js");
  });

  it("reduces only the emphasis that closes, not a name opening with an underscore before it", () => {
    expect(toPlainText("_private stays, _this_ is emphasis")).toBe("_private stays, this is emphasis");
  });

  it("keeps a fence indented under a list item, content and indentation included", () => {
    expect(toPlainText("1. Run:\n    ```sh\n    echo __init__ *x*\n    ```\n2. Done.")).toBe(
      "1. Run:\n    echo __init__ *x*\n2. Done.",
    );
  });
});

describe("plain text properties for code", () => {
  it("keeps the content of every fenced block byte for byte, whatever the prose around it", () => {
    const bodyLine = fc
      .string({ maxLength: 30 })
      .filter((s) => !s.includes("\n") && !/^[ \t]*(`{3}|~{3})/.test(s));
    const block = fc.record({
      fence: fc.constantFrom("```", "````", "~~~"),
      info: fc.constantFrom("", "python", "sh", "js title"),
      body: fc.array(bodyLine, { minLength: 1, maxLength: 5 }).map((lines) => lines.join("\n")),
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(proseLine, block), { minLength: 1, maxLength: 3 }), (parts) => {
        const markdown = `${parts
          .map(([prose, { fence, info, body }]) => `Intro ${prose}\n${fence}${info}\n${body}\n${fence}`)
          .join("\n")}\nOutro`;
        const reply = toPlainReply(markdown);
        const kept = reply.codeRanges.map((range) => reply.text.slice(range.start, range.end));
        const bodies = parts.map(([, { body }]) => body).filter((body) => body.trim() !== "");
        for (const body of bodies) expect(kept).toContain(body);
      }),
    );
  });

  it("keeps the content of an inline code span as written", () => {
    const content = fc
      .string({ minLength: 1, maxLength: 20 })
      .filter((s) => !/[`\n\r]/.test(s) && s.trim() === s && s !== "");
    fc.assert(
      fc.property(proseLine, content, proseLine, (before, code, after) => {
        const line = `${before.replace(/\\/g, "")} \`${code}\` ${after}`;
        expect(toPlainText(`Say ${line}`)).toContain(code);
      }),
    );
  });

  it("keeps names with underscores as written", () => {
    const part = fc.stringMatching(/^[a-z0-9]{1,6}$/);
    const snake = fc
      .tuple(word, fc.array(part, { minLength: 1, maxLength: 3 }))
      .map(([head, rest]) => [head, ...rest].join("_"));
    const name = fc.oneof(
      snake,
      word.map((w) => `__${w}__`),
      word.map((w) => `__${w}__.py`),
      word.map((w) => `_${w}`),
      word.map((w) => `__${w}`),
      snake.map((s) => `_${s}_`),
      snake.map((s) => `self.${s}`),
    );
    const token = fc.oneof(
      word,
      name,
      name.map((n) => `${n}(self):`),
      name.map((n) => `(${n})`),
      name.map((n) => `${n},`),
      name.map((n) => `${n}.`),
    );
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 8 }), (tokens) => {
        const sentence = tokens.join(" ");
        expect(toPlainText(sentence)).toBe(sentence);
      }),
    );
  });

  it("keeps arithmetic as written", () => {
    const operand = fc.oneof(fc.integer({ min: 0, max: 999 }).map(String), fc.stringMatching(/^[a-z]{1,3}$/));
    const operator = fc.constantFrom("*", "**", "+", "-", "/", "%");
    const expression = fc
      .record({
        first: operand,
        rest: fc.array(fc.tuple(operator, operand, fc.boolean()), { minLength: 1, maxLength: 5 }),
        spaced: fc.boolean(),
      })
      .map(({ first, rest, spaced }) => {
        const gap = spaced ? " " : "";
        return rest.reduce(
          (acc, [op, value, paren]) => `${acc}${gap}${op}${gap}${paren ? `(${value})` : value}`,
          first,
        );
      });
    fc.assert(
      fc.property(fc.array(expression, { minLength: 1, maxLength: 3 }), (expressions) => {
        const sentence = `so ${expressions.join(" and ")} holds`;
        expect(toPlainText(sentence)).toBe(sentence);
      }),
    );
  });

  it("still reduces real emphasis", () => {
    const emphasis = fc.oneof(
      fc.tuple(fc.constantFrom("**", "*", "_"), words(1, 3)),
      fc.tuple(fc.constant("__"), words(2, 3)),
    );
    const piece = fc.oneof(
      words(1, 3).map((text) => ({ markdown: text, plain: text })),
      fc.tuple(emphasis, fc.constantFrom("", ",", ".", ":", "!")).map(([[delimiter, text], end]) => ({
        markdown: `${delimiter}${text}${delimiter}${end}`,
        plain: `${text}${end}`,
      })),
      emphasis.map(([delimiter, text]) => ({
        markdown: `(${delimiter}${text}${delimiter})`,
        plain: `(${text})`,
      })),
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), (pieces) => {
        expect(toPlainText(pieces.map((p) => p.markdown).join(" "))).toBe(
          pieces.map((p) => p.plain).join(" "),
        );
      }),
    );
  });
});
