import fc from "fast-check";

/** Phone numbers libphonenumber accepts as possible, in three regions. */
export const phoneArbitrary = fc
  .tuple(fc.constantFrom("+1555555", "+4420794", "+3361234"), fc.integer({ min: 1000, max: 9999 }))
  .map(([head, tail]) => `${head}${tail}`);

/** Addresses of the shape Apple IDs take, in mixed case. */
export const emailArbitrary = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9_+.-]{0,10}[A-Za-z0-9])?$/),
    fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,8}[A-Za-z0-9])?$/),
    fc.constantFrom("com", "ORG", "co.uk", "icloud.com"),
  )
  .filter(([local]) => !local.includes(".."))
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);
