/**
 * Conversations by session key (spec §6), one JSON file per session under
 * `<stateDir>/agents/<agentId>/sessions/`. Bounded twice: a session keeps its
 * newest messages only, and the least recently used sessions are removed
 * beyond a count. Reads are served from memory after the first; writes are
 * atomic and queued per session, so a reply never waits for the disk.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../fs/atomic-write.ts";

export const SessionMessageSchema = z.object({
  role: z.enum(["user", "assistant"]),
  text: z.string(),
  /** Who wrote a user message (groups); used to leave repeated context out. */
  sender: z.string().optional(),
  /** A user message's own words, before labels and seeded history were added. */
  said: z.string().optional(),
  /** Group context sent along with a user message (sender and words), so no later turn repeats it. */
  context: z.array(z.string()).optional(),
  at: z.string(),
});
export type SessionMessage = z.infer<typeof SessionMessageSchema>;

const SessionFileSchema = z.object({
  version: z.literal(1),
  key: z.string(),
  updatedAt: z.string(),
  messages: z.array(SessionMessageSchema),
});
type SessionFile = z.infer<typeof SessionFileSchema>;

export interface SessionStoreOptions {
  maxMessages?: number;
  maxSessions?: number;
  onError?: (message: string, error: Error) => void;
}

export class SessionStore {
  readonly root: string;
  private readonly maxMessages: number;
  private readonly maxSessions: number;
  private readonly onError: (message: string, error: Error) => void;
  private readonly cache = new Map<string, SessionMessage[]>();
  private readonly writes = new Map<string, Promise<void>>();
  /** Per agent folder: file name → last use, read from disk once. */
  private readonly indexes = new Map<string, Promise<Map<string, number>>>();

  constructor(stateDir: string, options: SessionStoreOptions = {}) {
    this.root = join(stateDir, "agents");
    this.maxMessages = options.maxMessages ?? 200;
    this.maxSessions = options.maxSessions ?? 1_000;
    this.onError = options.onError ?? (() => undefined);
  }

  /** The session's messages, oldest first; empty for a new session. */
  async load(key: string): Promise<SessionMessage[]> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const messages = await this.readFromDisk(key);
    // A write may have landed while reading: memory wins.
    const raced = this.cache.get(key);
    if (raced) return raced;
    this.cache.set(key, messages);
    return messages;
  }

  /** Adds messages and persists in the background (see `flush`). */
  async append(key: string, added: SessionMessage[]): Promise<void> {
    const messages = [...(await this.load(key)), ...added];
    // Past the cap, a quarter goes at once rather than one message a turn: each drop changes the
    // front of every later request, which costs the provider's prompt cache its whole prefix.
    // Drops end before a user message so the kept part still starts with one.
    if (messages.length > this.maxMessages) {
      const keep = this.maxMessages - Math.floor(this.maxMessages / 4);
      messages.splice(0, messages.length - keep);
      while (messages[0] && messages[0].role !== "user") messages.shift();
    }
    this.cache.set(key, messages);
    this.schedule(key, () => this.writeToDisk(key, messages));
  }

  async reset(key: string): Promise<void> {
    this.cache.set(key, []);
    this.schedule(key, async () => {
      const { dir, file } = this.location(key);
      await unlink(join(dir, file)).catch(() => undefined);
      (await this.index(dir)).delete(file);
    });
    await this.writes.get(key);
  }

  /** Resolves once every write queued so far has reached the disk. */
  async flush(): Promise<void> {
    await Promise.all([...this.writes.values()]);
  }

  /** Where a key lives: readable enough to find by hand, hashed so any key is a safe file name. */
  location(key: string): { dir: string; file: string } {
    const agentId = /^agent:([^:]+):/.exec(key)?.[1] ?? "main";
    const safe = key.replace(/[^A-Za-z0-9._+@-]/g, "_").slice(0, 96);
    const hash = createHash("sha256").update(key).digest("hex").slice(0, 12);
    return { dir: join(this.root, safeName(agentId), "sessions"), file: `${safe}-${hash}.json` };
  }

  private schedule(key: string, task: () => Promise<void>): void {
    const previous = this.writes.get(key) ?? Promise.resolve();
    const next = previous
      .then(task)
      .catch((error: Error) => this.onError("could not save a session", error))
      .finally(() => {
        if (this.writes.get(key) === next) this.writes.delete(key);
      });
    this.writes.set(key, next);
  }

  private async readFromDisk(key: string): Promise<SessionMessage[]> {
    const { dir, file } = this.location(key);
    let text: string;
    try {
      text = await readFile(join(dir, file), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT")
        this.onError("could not read a session", error as Error);
      return [];
    }
    try {
      const parsed = SessionFileSchema.parse(JSON.parse(text));
      return parsed.key === key ? parsed.messages : [];
    } catch (error) {
      this.onError("a session file was unreadable; starting that session afresh", error as Error);
      return [];
    }
  }

  private async writeToDisk(key: string, messages: SessionMessage[]): Promise<void> {
    const { dir, file } = this.location(key);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const body: SessionFile = { version: 1, key, updatedAt: new Date().toISOString(), messages };
    await writeFileAtomic(join(dir, file), `${JSON.stringify(body)}\n`);
    const index = await this.index(dir);
    index.delete(file);
    index.set(file, Date.now());
    if (index.size > this.maxSessions) await this.evict(dir, index);
  }

  /** Removes the least recently used sessions beyond the cap (the index is in use order). */
  private async evict(dir: string, index: Map<string, number>): Promise<void> {
    const excess = index.size - this.maxSessions;
    const oldest = [...index.keys()].slice(0, excess);
    for (const file of oldest) {
      index.delete(file);
      await unlink(join(dir, file)).catch(() => undefined);
    }
    for (const [key] of this.cache) {
      if (oldest.includes(this.location(key).file) && this.location(key).dir === dir) this.cache.delete(key);
    }
  }

  private index(dir: string): Promise<Map<string, number>> {
    let index = this.indexes.get(dir);
    if (!index) {
      index = readIndex(dir);
      this.indexes.set(dir, index);
    }
    return index;
  }
}

async function readIndex(dir: string): Promise<Map<string, number>> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter(
    (name) => name.endsWith(".json") && !name.startsWith("."),
  );
  const entries = await Promise.all(
    names.map(async (name) => [name, (await stat(join(dir, name)).catch(() => null))?.mtimeMs ?? 0] as const),
  );
  return new Map(entries.sort((a, b) => a[1] - b[1]));
}

function safeName(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]/g, "_") || "_";
}
