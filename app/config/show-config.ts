/**
 * `/config show [path]` and `/config get <path>` from a chat: the config file
 * as written (unknown keys included), secrets replaced before anything is
 * looked up, so no path reaches a key's value.
 */
import { formatKeyPath, parseKeyPath } from "./key-path.ts";
import { redactConfig } from "./redact-config.ts";

export function showConfig(raw: Record<string, unknown>, keyPath?: string): string {
  const shown = redactConfig(raw);
  if (keyPath === undefined) return asText(shown);
  const parsed = parseKeyPath(keyPath);
  if (!parsed.ok) return `Not shown: ${parsed.message}`;
  let value: unknown = shown;
  for (const segment of parsed.segments) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, segment)) {
      return `${formatKeyPath(parsed.segments)} is not set in the config file (its default applies).`;
    }
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return `${formatKeyPath(parsed.segments)} = ${asText(value)}`;
}

function asText(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? String(value);
}
