/**
 * Every turn's tokens, by local day: per account (for the daily budget), per
 * model (for the cost estimate) and per session. Kept in `<stateDir>/usage.json`,
 * written atomically after each turn (coalesced), bounded to the newest days
 * and the busiest sessions, and read back at start so a restart loses nothing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../fs/atomic-write.ts";
import { addUsage, NO_USAGE, type TokenUsage } from "./token-usage.ts";
import { budgetTokens, localDay, type UsageFile, UsageFileSchema } from "./usage-file.ts";

/** Two months and a bit: this month and the whole of the last one. */
const KEPT_DAYS = 62;
/** Sessions beyond this many in a day are counted together under one key. */
const KEPT_SESSIONS = 200;
const OTHER_SESSIONS = "(other sessions)";

export function usageFilePath(stateDir: string): string {
  return join(stateDir, "usage.json");
}

/** The file as last written; empty when there is none yet. Throws with the path when it is unreadable. */
export function readUsageFile(stateDir: string): UsageFile {
  const path = usageFilePath(stateDir);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, days: {} };
    throw error;
  }
  const parsed = UsageFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path} is not a usage file: ${parsed.error.message}`);
  return parsed.data;
}

/** The ledger of each state directory this process writes, so readers here see a turn before its write lands. */
const openLedgers = new Map<string, UsageLedger>();

/** The newest usage of a state directory: this process's own ledger when it has one, else the file. */
export function currentUsage(stateDir: string): UsageFile {
  return openLedgers.get(stateDir)?.snapshot() ?? readUsageFile(stateDir);
}

export interface UsageRecord {
  accountId: string;
  sessionKey: string;
  model: string;
  usage: TokenUsage;
  at: Date;
}

export class UsageLedger {
  private readonly stateDir: string;
  private readonly file: UsageFile;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  private readonly onError: (error: Error) => void;

  constructor(stateDir: string, onError: (error: Error) => void) {
    this.stateDir = stateDir;
    this.onError = onError;
    let file: UsageFile = { version: 1, days: {} };
    try {
      file = readUsageFile(stateDir);
    } catch (error) {
      onError(error as Error);
    }
    this.file = file;
    openLedgers.set(stateDir, this);
  }

  record(entry: UsageRecord): void {
    const key = localDay(entry.at);
    const day = this.file.days[key] ?? { accounts: {}, models: {}, sessions: {} };
    this.file.days[key] = day;
    add(day.accounts, entry.accountId, entry.usage);
    add(day.models, entry.model, entry.usage);
    const session =
      entry.sessionKey in day.sessions || Object.keys(day.sessions).length < KEPT_SESSIONS
        ? entry.sessionKey
        : OTHER_SESSIONS;
    add(day.sessions, session, entry.usage);
    for (const old of Object.keys(this.file.days).sort().slice(0, -KEPT_DAYS)) delete this.file.days[old];
    this.scheduleWrite();
  }

  /** Tokens an account used on the day of `at`, as the budget counts them. */
  dayTotal(accountId: string, at: Date): number {
    const usage = this.file.days[localDay(at)]?.accounts[accountId];
    return usage ? budgetTokens(usage) : 0;
  }

  snapshot(): UsageFile {
    return structuredClone(this.file);
  }

  /** Resolves once everything recorded so far is on disk. */
  async flush(): Promise<void> {
    while (this.dirty) await this.writing;
    await this.writing;
  }

  private scheduleWrite(): void {
    if (this.dirty) return;
    this.dirty = true;
    this.writing = this.writing.then(async () => {
      this.dirty = false;
      try {
        await writeFileAtomic(usageFilePath(this.stateDir), `${JSON.stringify(this.file)}\n`);
      } catch (error) {
        this.onError(error as Error);
      }
    });
  }
}

function add(totals: Record<string, TokenUsage>, key: string, usage: TokenUsage): void {
  totals[key] = addUsage(totals[key] ?? NO_USAGE, usage);
}
