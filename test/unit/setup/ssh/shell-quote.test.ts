import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shellQuote } from "../../../../app/setup/ssh/shell-quote.ts";

describe("shellQuote", () => {
  it("leaves plain words alone and single-quotes the rest", () => {
    expect(shellQuote("/usr/bin/ssh")).toBe("/usr/bin/ssh");
    expect(shellQuote("a b")).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote("")).toBe("''");
  });

  it("gives sh back exactly the string, whatever it contains", () => {
    const text = fc.string({ unit: "binary", maxLength: 40 }).filter((value) => !value.includes("\u0000"));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), (values) => {
        const script = `printf '%s\\0' ${values.map(shellQuote).join(" ")}`;
        const output = execFileSync("/bin/sh", ["-c", script], { encoding: "utf8" });
        expect(output.split("\u0000").slice(0, -1)).toEqual(values);
      }),
      { numRuns: 60 },
    );
  });
});
