import { existsSync, readFileSync, renameSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../fs/atomic-write.ts";
import { withFileLock } from "../state/file-lock.ts";
import { generatePairingCode, normalizePairingCode } from "./pairing-code.ts";

/**
 * Pairing requests and approved senders of one account. The file gates who
 * may talk to the assistant, so it is written atomically with mode 0600 and
 * every change is a locked read-modify-write: the gateway and the CLI (or the
 * app) may change it at the same time.
 */
export const PAIRING_TTL_MS = 60 * 60 * 1000;
export const MAX_PENDING_REQUESTS = 3;
/**
 * New requests an account hands out per hour. With only the pending cap, three throw-away
 * senders held every slot for an hour, renewably, and everyone else was ignored; now a new
 * sender takes the oldest slot, and this bound is what stops a flood of senders from cycling
 * the slots faster than the owner can look.
 */
export const MAX_NEW_REQUESTS_PER_HOUR = 10;
const HOUR_MS = 60 * 60 * 1000;
/** What is kept of a stranger's first message: enough to answer it and to show it, not a transcript. */
export const HELD_TEXT_MAX_CHARS = 1_000;

/**
 * The first message of a sender who got a code, held so that approving them answers it. Kept in this
 * 0600 file only; the log never sees its text.
 */
const HeldMessageSchema = z.object({
  guid: z.string(),
  rowid: z.number().int(),
  chatId: z.number().int(),
  text: z.string().max(HELD_TEXT_MAX_CHARS),
  createdAt: z.string(),
});
export type HeldMessage = z.infer<typeof HeldMessageSchema>;

/** An approved sender whose held first message the gateway has still to answer. */
const HeldAnswerSchema = z.object({
  sender: z.string(),
  name: z.string().optional(),
  key: z.string(),
  message: HeldMessageSchema,
});
export type HeldAnswer = z.infer<typeof HeldAnswerSchema>;

const RequestSchema = z.object({
  code: z.string(),
  sender: z.string(),
  /** The sender's name in the Mac's Contacts, when imsg could read it. */
  name: z.string().optional(),
  key: z.string(),
  chatId: z.number().int().optional(),
  createdAt: z.number(),
  expiresAt: z.number(),
  firstMessage: HeldMessageSchema.optional(),
});
export type PairingRequest = z.infer<typeof RequestSchema>;

const ApprovedSchema = z.object({
  sender: z.string(),
  name: z.string().optional(),
  key: z.string(),
  approvedAt: z.number(),
  chatId: z.number().int().optional(),
});
export type ApprovedSender = z.infer<typeof ApprovedSchema>;

const PairingFileSchema = z.object({
  version: z.literal(1),
  requests: z.array(RequestSchema),
  approved: z.array(ApprovedSchema),
  // Approvals made with --notify while a gateway runs: the gateway sends the message.
  notify: z.array(ApprovedSchema),
  /** Approved senders' first messages, for the gateway to answer once (files from before lack it). */
  answer: z.array(HeldAnswerSchema).optional(),
  /** When the requests of the last hour were created, evicted ones included (files from before lack it). */
  issued: z.array(z.number()).optional(),
});
export type PairingState = z.infer<typeof PairingFileSchema>;

const emptyState = (): PairingState => ({ version: 1, requests: [], approved: [], notify: [] });

export type CreateRequestResult =
  | { status: "created"; request: PairingRequest; evicted?: PairingRequest }
  | { status: "pending"; request: PairingRequest }
  | { status: "rate-limited"; issuedThisHour: number };

export type SettleResult =
  | { ok: true; request: PairingRequest }
  | { ok: false; reason: "unknown-code" | "expired"; message: string };

export class PairingStore {
  readonly path: string;
  private readonly now: () => number;
  private cached: PairingState | null = null;
  private readonly onCorrupt: (aside: string) => void;

  constructor(path: string, options: { now?: () => number; onCorrupt?: (aside: string) => void } = {}) {
    this.path = path;
    this.now = options.now ?? Date.now;
    this.onCorrupt = options.onCorrupt ?? (() => undefined);
  }

  /** The current state from disk, expired requests left out. */
  read(): PairingState {
    const state = this.readFile();
    this.cached = state;
    return this.withoutExpired(state);
  }

  /** The last state read or written by this process; cheap, for the hot path. */
  snapshot(): PairingState {
    return this.withoutExpired(this.cached ?? this.read());
  }

  /** Drops the cache so the next snapshot re-reads (the file changed on disk). */
  invalidate(): void {
    this.cached = null;
  }

  /** Whether a request with this code is on file, expired or not: the code then belongs to this account. */
  holdsCode(rawCode: string): boolean {
    const code = normalizePairingCode(rawCode);
    return this.readFile().requests.some((request) => request.code === code);
  }

  isApproved(key: string): boolean {
    if (this.snapshot().approved.some((entry) => entry.key === key)) return true;
    // Not in the cache: another process may have approved a moment ago.
    return this.read().approved.some((entry) => entry.key === key);
  }

  async createRequest(input: {
    sender: string;
    key: string;
    chatId?: number;
    name?: string;
    firstMessage?: HeldMessage;
  }): Promise<CreateRequestResult> {
    return this.update<CreateRequestResult>((state) => {
      const now = this.now();
      const live = state.requests.filter((request) => request.expiresAt > now);
      const existing = live.find((request) => request.key === input.key);
      if (existing) return { state, result: { status: "pending", request: existing } };
      const issued = (state.issued ?? []).filter((at) => at > now - HOUR_MS);
      if (issued.length >= MAX_NEW_REQUESTS_PER_HOUR) {
        return { state, result: { status: "rate-limited", issuedThisHour: issued.length } };
      }
      // Oldest first: the slot of the request that has waited longest goes to the newcomer.
      const byAge = [...live].sort((a, b) => a.createdAt - b.createdAt);
      const evicted = byAge.length >= MAX_PENDING_REQUESTS ? byAge[0] : undefined;
      const kept = evicted ? live.filter((request) => request !== evicted) : live;
      const codes = new Set(kept.map((request) => request.code));
      let code = generatePairingCode();
      while (codes.has(code)) code = generatePairingCode();
      const request: PairingRequest = { code, ...input, createdAt: now, expiresAt: now + PAIRING_TTL_MS };
      return {
        state: { ...state, requests: [...kept, request], issued: [...issued, now] },
        result: { status: "created", request, ...(evicted ? { evicted } : {}) },
      };
    });
  }

  async approve(code: string, options: { notifyViaGateway?: boolean } = {}): Promise<SettleResult> {
    return this.settle(code, (state, request) => {
      const entry: ApprovedSender = {
        sender: request.sender,
        ...(request.name === undefined ? {} : { name: request.name }),
        key: request.key,
        approvedAt: this.now(),
        ...(request.chatId === undefined ? {} : { chatId: request.chatId }),
      };
      const held: HeldAnswer[] = request.firstMessage
        ? [
            {
              sender: request.sender,
              ...(request.name === undefined ? {} : { name: request.name }),
              key: request.key,
              message: request.firstMessage,
            },
          ]
        : [];
      return {
        ...state,
        approved: [...state.approved.filter((item) => item.key !== request.key), entry],
        notify: options.notifyViaGateway ? [...state.notify, entry] : state.notify,
        ...(held.length > 0 || state.answer ? { answer: [...(state.answer ?? []), ...held] } : {}),
      };
    });
  }

  async dismiss(code: string): Promise<SettleResult> {
    return this.settle(code, (state) => state);
  }

  /**
   * Approves senders without a request (an import from another install): a key already
   * approved keeps its entry. Returns the entries that were added.
   */
  async addApproved(entries: readonly { sender: string; key: string }[]): Promise<ApprovedSender[]> {
    return this.update((state) => {
      const known = new Set(state.approved.map((entry) => entry.key));
      const added: ApprovedSender[] = [];
      for (const { sender, key } of entries) {
        if (known.has(key)) continue;
        known.add(key);
        added.push({ sender, key, approvedAt: this.now() });
      }
      return { state: { ...state, approved: [...state.approved, ...added] }, result: added };
    });
  }

  async removeApproved(key: string): Promise<boolean> {
    return this.update((state) => {
      const approved = state.approved.filter((entry) => entry.key !== key);
      return { state: { ...state, approved }, result: approved.length !== state.approved.length };
    });
  }

  /** Takes the approvals waiting for the gateway to tell their senders (those `only` accepts, or all). */
  async takeNotifications(only: (entry: ApprovedSender) => boolean = () => true): Promise<ApprovedSender[]> {
    return this.update((state) => ({
      state: { ...state, notify: state.notify.filter((entry) => !only(entry)) },
      result: state.notify.filter(only),
    }));
  }

  /** Removes the held messages the gateway has answered (or found answered before a restart). */
  async takeAnswers(guids: ReadonlySet<string>): Promise<HeldAnswer[]> {
    return this.update((state) => ({
      state: { ...state, answer: (state.answer ?? []).filter((entry) => !guids.has(entry.message.guid)) },
      result: (state.answer ?? []).filter((entry) => guids.has(entry.message.guid)),
    }));
  }

  private async settle(
    rawCode: string,
    change: (state: PairingState, request: PairingRequest) => PairingState,
  ): Promise<SettleResult> {
    const code = normalizePairingCode(rawCode);
    return this.update<SettleResult>((state) => {
      const request = state.requests.find((item) => item.code === code);
      if (!request) {
        return {
          state,
          result: {
            ok: false,
            reason: "unknown-code",
            message: `No pending pairing request has code ${code}.`,
          },
        };
      }
      const requests = state.requests.filter((item) => item.code !== code);
      if (request.expiresAt <= this.now()) {
        return {
          state: { ...state, requests },
          result: {
            ok: false,
            reason: "expired",
            message: `Pairing code ${code} has expired; ask the sender to write again.`,
          },
        };
      }
      return { state: change({ ...state, requests }, request), result: { ok: true, request } };
    });
  }

  private async update<T>(change: (state: PairingState) => { state: PairingState; result: T }): Promise<T> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    return withFileLock(`${this.path}.lock`, async () => {
      const { state, result } = change(this.readFile());
      const pruned = this.withoutExpired(state);
      await writeFileAtomic(this.path, `${JSON.stringify(pruned, null, 2)}\n`, { mode: 0o600 });
      this.cached = pruned;
      return result;
    });
  }

  private withoutExpired(state: PairingState): PairingState {
    const now = this.now();
    if (state.requests.every((request) => request.expiresAt > now)) return state;
    return { ...state, requests: state.requests.filter((request) => request.expiresAt > now) };
  }

  private readFile(): PairingState {
    if (!existsSync(this.path)) return emptyState();
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(this.path, "utf8"));
    } catch {
      json = undefined;
    }
    const parsed = PairingFileSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    const aside = `${this.path}.corrupt-${Date.now()}`;
    renameSync(this.path, aside);
    this.onCorrupt(aside);
    return emptyState();
  }
}
