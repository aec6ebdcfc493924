import { describe, expect, it } from "vitest";
import { createLogger } from "../../../app/log/logger.ts";

function capture() {
  const lines: string[] = [];
  return { lines, sink: { write: (line: string) => lines.push(line) } };
}

describe("createLogger", () => {
  it("drops lines below a fixed level", () => {
    const { lines, sink } = capture();
    const log = createLogger({ sink, format: "json", level: "info" });
    log.debug("hidden");
    log.info("shown");
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(["shown"]);
  });

  it("asks a level function on every line, also in child loggers, so a switch applies at once", () => {
    const { lines, sink } = capture();
    let verbose = false;
    const log = createLogger({ sink, format: "json", level: () => (verbose ? "debug" : "info") });
    const child = log.child({ account: "default" });
    child.debug("before");
    verbose = true;
    child.debug("after");
    verbose = false;
    log.debug("off again");
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ msg: "after", level: "debug", account: "default" }),
    ]);
  });
});
