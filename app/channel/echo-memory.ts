/**
 * Remembers what we sent so its echo is never answered, without swallowing
 * what people write. Messages writes our own send back into chat.db: as the
 * sent row (whose rowid and guid `send` answers with), and in a self-chat as
 * a second row from our own address that looks inbound.
 *
 * A row is matched by id first. Text decides only for rows that cannot be
 * told apart otherwise: a send whose row is not known yet (its echo can
 * arrive before the answer to `send`; an imsg that answers without ids), or a
 * row our own account wrote. Once a send's row is known, a row from someone
 * else with the same words is that person writing ("ok", "thanks", or the
 * assistant's own words repeated back), and it is answered.
 *
 * Texts are kept per chat key (chat id and sender handle both: a self-chat's
 * echo can land on a different chat row for the same handle, the reference's
 * endless loop). A send whose row is not known yet matches someone else's row
 * only for a short window; a row our own account wrote (a self-chat twin,
 * which Messages may write minutes later) matches for as long as sent ids are
 * remembered, or our own reply would come back as the owner typing it. Lookups
 * are O(1) and expired entries are swept in bulk now and then: this sits on
 * the hot path of every inbound row.
 */
const UNKNOWN_ROW_TTL_MS = 30_000;
const ID_TTL_MS = 10 * 60_000;
const MAX_IDS = 10_000;
const SWEEP_EVERY = 1_000;

/** One sent chunk, shared by all of its chat keys: whether the row it made is known. */
export interface SentText {
  readonly at: number;
  rowKnown: boolean;
}

/** Where a row came from, as far as echo matching cares. */
export interface RowOrigin {
  /** Written by our own account: an `is_from_me` row, or a self-chat row from our own address. */
  ours: boolean;
}

type RowIds = readonly (string | number | undefined)[];

export class EchoMemory {
  /** `chatKey\u0000text` → the sends of that text to that chat, oldest first. */
  private readonly texts = new Map<string, SentText[]>();
  private readonly ids = new Map<string, number>();
  private readonly now: () => number;
  private writesSinceSweep = 0;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** Called before each attempt to send `text`: its echo may arrive before imsg answers. */
  rememberSend(chatKeys: readonly string[], text: string): SentText {
    const sent: SentText = { at: this.now(), rowKnown: false };
    const normalized = normalize(text);
    for (const key of chatKeys) {
      const entry = `${key}\u0000${normalized}`;
      const list = this.texts.get(entry);
      if (list) list.push(sent);
      else this.texts.set(entry, [sent]);
    }
    if (++this.writesSinceSweep >= SWEEP_EVERY) this.sweep();
    return sent;
  }

  /** The row a send made (from imsg's answer, or found in history): from now on it is matched by id. */
  confirmSend(sent: SentText, ids: RowIds): void {
    const known = ids.filter((id) => id !== undefined);
    if (known.length === 0) return;
    sent.rowKnown = true;
    for (const id of known) this.rememberId(id);
  }

  isEcho(chatKeys: readonly string[], text: string | undefined, ids: RowIds, origin: RowOrigin): boolean {
    const now = this.now();
    for (const id of ids) {
      if (id === undefined) continue;
      const at = this.ids.get(String(id));
      if (at !== undefined && now - at < ID_TTL_MS) return true;
    }
    const sends = this.liveSends(chatKeys, text, ID_TTL_MS);
    const unmatched = sends.find((sent) => !sent.rowKnown && now - sent.at < UNKNOWN_ROW_TTL_MS);
    if (unmatched) {
      // This row is that send's echo; a later row from someone else with the same words is them writing.
      unmatched.rowKnown = true;
      for (const id of ids) if (id !== undefined) this.rememberId(id);
      return true;
    }
    // A self-chat echo comes twice, as the sent row and a received twin with an id of its own.
    return origin.ours && sends.length > 0;
  }

  /** Whether `text` is something we sent to this chat while its ids are remembered, whoever wrote the row. */
  sentRecently(chatKeys: readonly string[], text: string | undefined): boolean {
    return this.liveSends(chatKeys, text, ID_TTL_MS).length > 0;
  }

  private liveSends(chatKeys: readonly string[], text: string | undefined, ttlMs: number): SentText[] {
    if (text === undefined) return [];
    const now = this.now();
    const normalized = normalize(text);
    return chatKeys.flatMap((key) =>
      (this.texts.get(`${key}\u0000${normalized}`) ?? []).filter((sent) => now - sent.at < ttlMs),
    );
  }

  private rememberId(id: string | number): void {
    this.ids.set(String(id), this.now());
    if (this.ids.size > MAX_IDS) {
      const oldest = this.ids.keys().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
  }

  private sweep(): void {
    this.writesSinceSweep = 0;
    const cutoff = this.now() - ID_TTL_MS;
    for (const [entry, sends] of this.texts) {
      const live = sends.filter((sent) => sent.at > cutoff);
      if (live.length === 0) this.texts.delete(entry);
      else if (live.length < sends.length) this.texts.set(entry, live);
    }
  }
}

function normalize(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
