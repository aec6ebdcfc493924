/**
 * A config value typed as text (`/config set KEY VALUE`, a field the window
 * sends `asText`): JSON5 when it parses (numbers, booleans, lists, quoted
 * strings), else the plain text. A leading `+` and digits stays text: it is a
 * phone number, and JSON5 would read it as a number and drop the `+`.
 */
import JSON5 from "json5";

export function parseConfigValueText(text: string): unknown {
  const trimmed = text.trim();
  if (/^\+\d/.test(trimmed)) return trimmed;
  try {
    return JSON5.parse(trimmed);
  } catch {
    return trimmed;
  }
}
