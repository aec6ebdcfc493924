import { describe, expect, it } from "vitest";
import { LineFramer } from "../../../app/imsg/line-framer.ts";

function collect(maxLineChars?: number) {
  const lines: string[] = [];
  const overflows: number[] = [];
  const framer = new LineFramer({
    onLine: (line) => lines.push(line),
    onOverflow: (chars) => overflows.push(chars),
    ...(maxLineChars === undefined ? {} : { maxLineChars }),
  });
  return { framer, lines, overflows };
}

describe("line framing", () => {
  it("splits only on \\n, never on U+2028 or U+2029", () => {
    const { framer, lines } = collect();
    framer.push(Buffer.from('{"text":"a\u2028b\u2029c"}\n{"x":1}\n'));
    expect(lines).toEqual(['{"text":"a\u2028b\u2029c"}', '{"x":1}']);
  });

  it("decodes a multi-byte character split across two reads", () => {
    const { framer, lines } = collect();
    const bytes = Buffer.from("🦞 claw\n");
    framer.push(bytes.subarray(0, 2));
    framer.push(bytes.subarray(2));
    expect(lines).toEqual(["🦞 claw"]);
  });

  it("joins a frame written in several partial writes", () => {
    const { framer, lines } = collect();
    for (const part of ['{"jsonrpc"', ':"2.0",', '"id":1}', "\n"]) framer.push(Buffer.from(part));
    expect(lines).toEqual(['{"jsonrpc":"2.0","id":1}']);
  });

  it("drops an over-long line whole and carries on", () => {
    const { framer, lines, overflows } = collect(10);
    framer.push(Buffer.from("x".repeat(25)));
    framer.push(Buffer.from("yyy\nok\n"));
    expect(lines).toEqual(["ok"]);
    expect(overflows).toHaveLength(1);
  });

  it("strips a carriage return and flushes an unterminated last line", () => {
    const { framer, lines } = collect();
    framer.push(Buffer.from("a\r\nb"));
    framer.end();
    expect(lines).toEqual(["a", "b"]);
  });
});
