/**
 * A rough token count (about four characters a token, plus a little per
 * message): close enough to keep a request inside a model's context window
 * without shipping a tokenizer per provider.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4) + 4;
}

/** What an image costs, roughly, in the providers' own accounting. */
export const IMAGE_TOKENS = 1_600;

/**
 * History is cut in blocks of this many messages: the first kept message
 * stays the same for several turns, and so does the request's prefix, which
 * is what a provider's prompt cache reuses.
 */
export const TRIM_BLOCK = 16;

/**
 * Keeps the newest history that fits `budget` tokens, dropping the oldest
 * exchanges first, a whole block at a time. The kept part starts with a user
 * message, as every API wants a conversation to.
 */
export function trimHistory<T extends { role: "user" | "assistant"; text: string }>(
  history: readonly T[],
  budget: number,
): T[] {
  let used = 0;
  let start = history.length;
  for (let index = history.length - 1; index >= 0; index--) {
    const cost = estimateTokens((history[index] as T).text);
    if (used + cost > budget) break;
    used += cost;
    start = index;
  }
  // Rounded up to a block boundary, unless that would leave nothing of what fits.
  const blockStart = Math.ceil(start / TRIM_BLOCK) * TRIM_BLOCK;
  if (blockStart < history.length) start = blockStart;
  while (start < history.length && history[start]?.role !== "user") start++;
  return history.slice(start);
}
