import { describe, expect, it } from "vitest";
import { localeRegion, notAPhoneNumber } from "../../../app/access/phone-region.ts";

describe("the region of a terminal's locale", () => {
  it("is the country of LANG", () => {
    expect(localeRegion({ LANG: "en_GB.UTF-8" })).toBe("GB");
    expect(localeRegion({ LANG: "de_DE@euro" })).toBe("DE");
    expect(localeRegion({ LANG: "fr_CA" })).toBe("CA");
  });

  it("takes LC_ALL over LC_TELEPHONE over LANG, skipping empty ones", () => {
    expect(localeRegion({ LC_ALL: "ja_JP.UTF-8", LC_TELEPHONE: "de_DE.UTF-8", LANG: "en_GB.UTF-8" })).toBe(
      "JP",
    );
    expect(localeRegion({ LC_ALL: "", LC_TELEPHONE: "de_DE.UTF-8", LANG: "en_GB.UTF-8" })).toBe("DE");
  });

  it("is unknown for C, POSIX, a language alone or a country phone numbers do not know", () => {
    expect(localeRegion({ LANG: "C.UTF-8" })).toBeUndefined();
    expect(localeRegion({ LANG: "POSIX" })).toBeUndefined();
    expect(localeRegion({ LANG: "en" })).toBeUndefined();
    expect(localeRegion({ LANG: "en_ZZ.UTF-8" })).toBeUndefined();
    expect(localeRegion({})).toBeUndefined();
  });
});

describe("the words for a number that is not one", () => {
  it("name the region and give an example with its country code", () => {
    expect(notAPhoneNumber("555 555", "GB")).toMatch(
      /in the United Kingdom\. Include the country code, like \+44/,
    );
  });
});
