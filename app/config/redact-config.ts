/**
 * The config as it may leave the machine (exports, diagnostics, bug reports):
 * every secret-looking value replaced. Refs (`env:NAME`, `keychain:NAME`) stay,
 * since they name where a key lives and not the key itself.
 */
export const REDACTED = "[redacted]";

const SECRET_KEY = /(?:api[-_]?key|token|secret|password|authorization|credentials?)$/i;
const REF = /^(?:env|keychain):\S+$/;

export function redactConfig<T>(config: T): T {
  return redactValue(config, false) as T;
}

function redactValue(value: unknown, secretSlot: boolean): unknown {
  if (typeof value === "string") return secretSlot && !REF.test(value.trim()) ? REDACTED : value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secretSlot));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        redactValue(item, secretSlot || SECRET_KEY.test(key)),
      ]),
    );
  }
  // A number or boolean in a secret slot (a PIN) is a secret too.
  return secretSlot && value !== undefined && value !== null ? REDACTED : value;
}
