/**
 * The region phone numbers are read in, and the words that say so. A number written without its
 * country code ("020 7946 0958") is read in this region; the stored form is always E.164. The
 * region is the config's `region` when set, else the Mac's (the app's locale), else US.
 */
import type { CountryCode } from "libphonenumber-js";
import { getExampleNumber, isSupportedCountry } from "libphonenumber-js";
import examples from "libphonenumber-js/mobile/examples";

export const DEFAULT_REGION = "US";

/** The region as libphonenumber-js knows it, or undefined for an unknown one (then only `+…` numbers parse). */
export function toCountryCode(region: string | undefined): CountryCode | undefined {
  const code = (region ?? DEFAULT_REGION).trim().toUpperCase();
  return isSupportedCountry(code) ? code : undefined;
}

/** Whether a `region` setting names a country phone numbers can be read in (ISO 3166 alpha-2). */
export function isKnownRegion(region: string): boolean {
  return /^[A-Za-z]{2}$/.test(region) && toCountryCode(region) !== undefined;
}

// English puts "the" before these countries' names ("in the United Kingdom").
const NAMES_WITH_ARTICLE = new Set(["US", "GB", "NL", "PH", "AE", "CZ", "DO", "BS", "GM", "CF", "KM", "MV"]);

/** "the United Kingdom", "Germany": the region's English name as it reads after "in". */
export function regionName(region: string): string {
  const code = region.trim().toUpperCase();
  const name = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" }).of(code) ?? code;
  return NAMES_WITH_ARTICLE.has(code) ? `the ${name}` : name;
}

/** A real-looking mobile number of the region with its country code, e.g. "+44 7400 123456". */
function exampleNumber(country: CountryCode | undefined): string {
  return getExampleNumber(country ?? DEFAULT_REGION, examples)?.formatInternational() ?? "+1 201 555 0123";
}

/** What to say when text shaped like a phone number is not one in the region. */
export function notAPhoneNumber(raw: string, region: string | undefined): string {
  const country = toCountryCode(region);
  if (raw.startsWith("+"))
    return `"${raw}" doesn't look like a phone number. Check the country code and the digits, like ${exampleNumber(country)}.`;
  const where = country ? ` in ${regionName(country)}` : "";
  return `"${raw}" doesn't look like a phone number${where}. Include the country code, like ${exampleNumber(country)}.`;
}

/**
 * The region of a terminal's locale (`LC_ALL`, else `LC_TELEPHONE`, else `LANG`, as POSIX orders
 * them): "en_GB.UTF-8" → "GB". The CLI reads numbers in it when the config sets no `region`, as the
 * app reads them in the Mac's; "C", "POSIX" or an unknown country give undefined.
 */
export function localeRegion(env: NodeJS.ProcessEnv): string | undefined {
  const locale = [env.LC_ALL, env.LC_TELEPHONE, env.LANG].find(
    (value) => value !== undefined && value !== "",
  );
  const region = /^[a-z]{2,3}_([A-Za-z]{2})(?:[.@]|$)/.exec(locale ?? "")?.[1]?.toUpperCase();
  return region !== undefined && isKnownRegion(region) ? region : undefined;
}
