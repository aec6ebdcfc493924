import { describe, expect, it } from "vitest";
import { parseConfigValueText } from "../../../app/config/config-value-text.ts";

describe("a config value typed as text", () => {
  it("reads numbers, booleans and lists as what they are", () => {
    expect(parseConfigValueText("1200")).toBe(1200);
    expect(parseConfigValueText(" true ")).toBe(true);
    expect(parseConfigValueText("['+15555550123', 'me@example.com']")).toEqual([
      "+15555550123",
      "me@example.com",
    ]);
  });

  it("keeps a quoted value a string", () => {
    expect(parseConfigValueText('"true"')).toBe("true");
  });

  it("keeps text that is not JSON5 as the text itself", () => {
    expect(parseConfigValueText("🦞 hello")).toBe("🦞 hello");
  });

  it("keeps a phone number text, with its plus", () => {
    expect(parseConfigValueText("+15555550123")).toBe("+15555550123");
  });
});
