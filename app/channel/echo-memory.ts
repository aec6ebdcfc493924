/**
 * Remembers what we sent so its echo is never answered. Messages writes our
 * own send back into chat.db, sometimes with `is_from_me` wrong for a moment,
 * and in a self-chat as a second row that looks inbound. Texts are kept per
 * chat key (chat id and chat identifier both: a self-chat's echo can land on
 * a different chat row for the same handle, the reference's endless loop)
 * for a short window; sent ids and guids for longer.
 *
 * Lookups are O(1) and expired entries are swept in bulk now and then: this
 * sits on the hot path of every inbound row.
 */
const TEXT_TTL_MS = 30_000;
const ID_TTL_MS = 10 * 60_000;
const MAX_IDS = 10_000;
const SWEEP_EVERY = 1_000;

export class EchoMemory {
  /** `chatKey\u0000text` → when it was sent. */
  private readonly texts = new Map<string, number>();
  private readonly ids = new Map<string, number>();
  private readonly now: () => number;
  private writesSinceSweep = 0;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  rememberText(chatKeys: string[], text: string): void {
    const at = this.now();
    const normalized = normalize(text);
    for (const key of chatKeys) {
      const entry = `${key}\u0000${normalized}`;
      // Re-inserted so the map's order stays oldest-first for the sweep.
      this.texts.delete(entry);
      this.texts.set(entry, at);
    }
    if (++this.writesSinceSweep >= SWEEP_EVERY) this.sweep();
  }

  rememberId(id: string | number | undefined): void {
    if (id === undefined) return;
    this.ids.set(String(id), this.now());
    if (this.ids.size > MAX_IDS) {
      const oldest = this.ids.keys().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
  }

  isEcho(chatKeys: string[], text: string | undefined, ids: (string | number | undefined)[]): boolean {
    const now = this.now();
    for (const id of ids) {
      if (id === undefined) continue;
      const at = this.ids.get(String(id));
      if (at !== undefined && now - at < ID_TTL_MS) return true;
    }
    if (text === undefined) return false;
    const normalized = normalize(text);
    return chatKeys.some((key) => {
      const at = this.texts.get(`${key}\u0000${normalized}`);
      return at !== undefined && now - at < TEXT_TTL_MS;
    });
  }

  private sweep(): void {
    this.writesSinceSweep = 0;
    const cutoff = this.now() - TEXT_TTL_MS;
    for (const [entry, at] of this.texts) {
      if (at > cutoff) break;
      this.texts.delete(entry);
    }
  }
}

function normalize(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
