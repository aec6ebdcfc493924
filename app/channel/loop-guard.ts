/**
 * Echo loops are the reference implementation's most reported failure: two
 * bots (or a bot and its own echo) answering each other forever. An inbound
 * text carrying our own outbound markers is not answered; several such drops
 * in one chat mute the chat for a while.
 *
 * The response prefix is a marker only on a row that resembles one of our own
 * sends (someone else's row with the words we just sent there): people put
 * the same emoji or word in what they type ("I love 🦞 rolls"), and that is
 * a message, not a loop. Leaked assistant markup is a marker on any row, so
 * such a row is never answered; but only a row that resembles our own sends
 * counts towards muting, or one member typing `<think>` three times would
 * silence the assistant for everyone in the group.
 */
const LEAKED_MARKUP = [/\[\[\s*reply_to/i, /<\/?(think|thinking|final)>/i];
const STRIKES_TO_MUTE = 3;
const STRIKE_WINDOW_MS = 10 * 60_000;
const MUTE_MS = 10 * 60_000;

export type LoopVerdict = { ok: true } | { ok: false; muted: boolean; reason: string };

export class LoopGuard {
  private readonly strikes = new Map<number, number[]>();
  private readonly mutedUntil = new Map<number, number>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  check(
    chatId: number,
    text: string,
    { responsePrefix, resemblesOwnSend }: { responsePrefix: string | undefined; resemblesOwnSend: boolean },
  ): LoopVerdict {
    const now = this.now();
    const muted = this.mutedUntil.get(chatId);
    if (muted !== undefined && muted > now)
      return { ok: false, muted: true, reason: "chat muted after repeated loops" };
    const prefix = responsePrefix?.trim();
    const marker =
      (resemblesOwnSend && prefix && text.includes(prefix)
        ? `the response prefix "${prefix}" in the words of our own reply`
        : undefined) ??
      (LEAKED_MARKUP.some((pattern) => pattern.test(text)) ? "assistant markup" : undefined);
    if (!marker) return { ok: true };
    if (!resemblesOwnSend) return { ok: false, muted: false, reason: `inbound text carries ${marker}` };
    const recent = (this.strikes.get(chatId) ?? []).filter((at) => now - at < STRIKE_WINDOW_MS);
    recent.push(now);
    this.strikes.set(chatId, recent);
    if (recent.length >= STRIKES_TO_MUTE) {
      this.mutedUntil.set(chatId, now + MUTE_MS);
      this.strikes.delete(chatId);
      return {
        ok: false,
        muted: true,
        reason: `${marker} seen ${recent.length} times; muting the chat for 10 minutes`,
      };
    }
    return { ok: false, muted: false, reason: `inbound text carries ${marker}` };
  }
}
