import { describe, expect, it } from "vitest";

describe("toolchain", () => {
  it("runs on Node 24, the runtime Electron 41 ships", () => {
    expect(Number(process.versions.node.split(".")[0])).toBe(24);
  });
});
