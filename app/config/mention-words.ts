/**
 * Mention words: what a person types to address the assistant in a group ("Pinch", "Claw Bot"),
 * and the pattern the mention gate matches for each. The window edits words and saves patterns;
 * a pattern this module did not write is shown as a pattern. Pure and import-free, for the window's
 * bundle as for the core.
 */

/**
 * Escapes the characters that are special outside a character class. `-` is left alone on
 * purpose: `\-` is a syntax error when a caller compiles with `u`.
 */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/** `"Claw Bot"` → `\b@?Claw\s+Bot\b`: the words in any spacing, with or without an @. */
export function mentionPatternOfWord(word: string): string {
  const trimmed = word.trim();
  const body = trimmed.split(/\s+/).map(escapeRegex).join("\\s+");
  // \b only where the word starts or ends with a word character; elsewhere it would never match.
  const start = /^\w/.test(trimmed) ? "\\b" : "";
  const end = /\w$/.test(trimmed) ? "\\b" : "";
  return `${start}@?${body}${end}`;
}

/**
 * The word a pattern stands for, when it is one {@link mentionPatternOfWord} writes or the plain
 * `\bword\b` people write by hand; undefined for any other pattern.
 */
export function wordOfMentionPattern(pattern: string): string | undefined {
  const inner = pattern.replace(/^\\b/, "").replace(/^@\?/, "").replace(/\\b$/, "");
  const word = inner.split("\\s+").map(unescapeRegex).join(" ");
  if (word.trim() === "" || word !== word.trim()) return undefined;
  const handWritten = `\\b${word.split(" ").map(escapeRegex).join("\\s+")}\\b`;
  return pattern === mentionPatternOfWord(word) || pattern === handWritten ? word : undefined;
}

function unescapeRegex(text: string): string {
  return text.replace(/\\([\\^$.*+?()[\]{}|/])/g, "$1");
}
