/**
 * Remembers what we sent so its echo is never answered. Messages writes our
 * own send back into chat.db, sometimes with `is_from_me` wrong for a moment,
 * and in a self-chat as a second row that looks inbound. Texts are kept per
 * chat key (chat id and chat identifier both: a self-chat's echo can land on
 * a different chat row for the same handle, the reference's endless loop)
 * for a short window; sent ids and guids for longer.
 */
const TEXT_TTL_MS = 30_000;
const ID_TTL_MS = 10 * 60_000;
const MAX_IDS = 10_000;

export class EchoMemory {
  private readonly texts = new Map<string, { text: string; at: number }[]>();
  private readonly ids = new Map<string, number>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  rememberText(chatKeys: string[], text: string): void {
    const at = this.now();
    const normalized = normalize(text);
    for (const key of chatKeys) {
      const list = this.fresh(key);
      list.push({ text: normalized, at });
      this.texts.set(key, list);
    }
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
    return chatKeys.some((key) => this.fresh(key).some((entry) => entry.text === normalized));
  }

  private fresh(key: string): { text: string; at: number }[] {
    const cutoff = this.now() - TEXT_TTL_MS;
    const list = (this.texts.get(key) ?? []).filter((entry) => entry.at > cutoff);
    if (list.length === 0) this.texts.delete(key);
    else this.texts.set(key, list);
    return list;
  }
}

function normalize(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
