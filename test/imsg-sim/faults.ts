/**
 * Fault switches for reliability tests: read from IMSG_SIM_* environment
 * variables at start and from an optional JSON control file
 * (IMSG_SIM_CONTROL) that is re-read whenever it changes, so a test can flip
 * a fault on a running simulator. Keys in the file win over the environment.
 */
import { readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { z } from "zod";

/** "once": fire one time when the switch is read; N: before every Nth frame. */
const Repeat = z.union([z.literal("once"), z.number().int().positive()]);

export const FaultConfigSchema = z
  .object({
    /**
     * Legacy: "rpc-error" answers every request -32603 with the Full Disk Access banner (imsg ≥ 0.8.2),
     * "plain-text" prints the banner on stdout and exits 1 (older imsg). Protocol 1: either value makes
     * the database unreadable (-32002 for database requests) until the switch is lifted.
     */
    dbUnreadable: z.union([z.literal(false), z.enum(["rpc-error", "plain-text"])]).optional(),
    crashAfterNotifications: z.number().int().positive().optional(),
    crashExitCode: z.number().int().min(1).max(255).optional(),
    garbageLine: Repeat.optional(),
    /** Each frame goes out in this many separate writes, split at arbitrary byte offsets. */
    splitFrames: z.number().int().min(2).optional(),
    stall: z.boolean().optional(),
    stallAfterNotifications: z.number().int().positive().optional(),
    sendDelayMs: z.number().int().nonnegative().optional(),
    /** Protocol 1: `initialize` is answered this late, as by an imsg slow to open its database. */
    initializeDelayMs: z.number().int().nonnegative().optional(),
    automationDenied: z.boolean().optional(),
    unknownNotification: Repeat.optional(),
    hugeLine: Repeat.optional(),
    hugeLineBytes: z.number().int().positive().optional(),
    hugeLineKind: z.enum(["json", "garbage"]).optional(),
    /** Every live subscription gets imsg's `error` notification and then goes silent, as when its watch stream fails. */
    watchError: z.literal("once").optional(),
    /** Protocol 1: how `send` fails (see SendOutcome); every send, or only the next one with `sendOutcomeOnce`. */
    sendOutcome: z.enum(["may_have_completed", "not_started", "still_in_flight", "ghost_row"]).optional(),
    sendOutcomeOnce: z.boolean().optional(),
    /** Protocol 1: identified requests answer -32000 "Server busy": all of them (true) or the next N. */
    busy: z.union([z.boolean(), z.number().int().positive()]).optional(),
    /** Protocol 1: every subscription's buffer holds at most this many rows, whatever it asked for. */
    bufferLimit: z.number().int().min(1).max(4096).optional(),
    /** Protocol 1: status reports a running bridge, and bridge-only methods as usable. */
    bridge: z.boolean().optional(),
  })
  .strict();
export type FaultConfig = z.infer<typeof FaultConfigSchema>;

type Env = Record<string, string | undefined>;

function envRepeat(value: string | undefined): "once" | number | undefined {
  if (value === undefined || value === "" || value === "0") return undefined;
  return value === "once" ? "once" : Number(value);
}

function envNumber(value: string | undefined): number | undefined {
  return value === undefined || value === "" ? undefined : Number(value);
}

function envFlag(value: string | undefined): boolean | undefined {
  return value === undefined || value === "" ? undefined : value !== "0" && value !== "false";
}

/** "true" or "always": every request; a number: the next N. */
function envBusy(value: string | undefined): boolean | number | undefined {
  if (value === undefined || value === "" || value === "0" || value === "false") return undefined;
  return value === "true" || value === "always" ? true : Number(value);
}

function envDbUnreadable(value: string | undefined): FaultConfig["dbUnreadable"] {
  if (value === undefined || value === "" || value === "0" || value === "false") return undefined;
  return value === "plain-text" ? "plain-text" : "rpc-error";
}

export function faultsFromEnv(env: Env): FaultConfig {
  const raw = {
    dbUnreadable: envDbUnreadable(env.IMSG_SIM_DB_UNREADABLE),
    crashAfterNotifications: envNumber(env.IMSG_SIM_CRASH_AFTER),
    crashExitCode: envNumber(env.IMSG_SIM_CRASH_EXIT_CODE),
    garbageLine: envRepeat(env.IMSG_SIM_GARBAGE),
    splitFrames: envNumber(env.IMSG_SIM_SPLIT_FRAMES),
    stall: envFlag(env.IMSG_SIM_STALL),
    stallAfterNotifications: envNumber(env.IMSG_SIM_STALL_AFTER),
    sendDelayMs: envNumber(env.IMSG_SIM_SEND_DELAY_MS),
    initializeDelayMs: envNumber(env.IMSG_SIM_INITIALIZE_DELAY_MS),
    automationDenied: envFlag(env.IMSG_SIM_AUTOMATION_DENIED),
    unknownNotification: envRepeat(env.IMSG_SIM_UNKNOWN_NOTIFICATION),
    hugeLine: envRepeat(env.IMSG_SIM_HUGE_LINE),
    hugeLineBytes: envNumber(env.IMSG_SIM_HUGE_LINE_BYTES),
    hugeLineKind: env.IMSG_SIM_HUGE_LINE_KIND || undefined,
    watchError: env.IMSG_SIM_WATCH_ERROR ? "once" : undefined,
    sendOutcome: env.IMSG_SIM_SEND_OUTCOME || undefined,
    sendOutcomeOnce: envFlag(env.IMSG_SIM_SEND_OUTCOME_ONCE),
    busy: envBusy(env.IMSG_SIM_BUSY),
    bufferLimit: envNumber(env.IMSG_SIM_BUFFER_LIMIT),
    bridge: envFlag(env.IMSG_SIM_BRIDGE),
  };
  const defined = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
  const parsed = FaultConfigSchema.safeParse(defined);
  if (!parsed.success) {
    throw new Error(`imsg-sim: invalid IMSG_SIM_* fault variables: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** Writes a control file atomically (write, then rename) so a running simulator never reads half of it. */
export function writeFaultControl(path: string, faults: FaultConfig): void {
  const checked = FaultConfigSchema.parse(faults);
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(checked)}\n`);
  renameSync(temporary, path);
}

export class FaultSwitches {
  private readonly base: FaultConfig;
  private readonly controlPath: string | undefined;
  private controlStamp = "";
  private readonly listeners: ((config: FaultConfig) => void)[] = [];
  current: FaultConfig;

  constructor(env: Env) {
    this.base = faultsFromEnv(env);
    this.controlPath = env.IMSG_SIM_CONTROL || undefined;
    this.current = this.base;
    this.refresh();
  }

  /** Called after every (re)load, including the first, so "once" switches can fire. */
  onLoad(listener: (config: FaultConfig) => void): void {
    this.listeners.push(listener);
  }

  fireInitialLoad(): void {
    for (const listener of this.listeners) listener(this.current);
  }

  /** Cheap when nothing changed: one stat of the control file. */
  refresh(): void {
    if (!this.controlPath) return;
    let stamp = "absent";
    try {
      const stat = statSync(this.controlPath);
      stamp = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
    } catch {
      // No control file (yet, or any more): the environment alone decides.
    }
    if (stamp === this.controlStamp) return;
    this.controlStamp = stamp;
    const fromFile = stamp === "absent" ? {} : this.readControlFile(this.controlPath);
    if (fromFile === undefined) return;
    this.current = { ...this.base, ...fromFile };
    for (const listener of this.listeners) listener(this.current);
  }

  private readControlFile(path: string): FaultConfig | undefined {
    try {
      const parsed = FaultConfigSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
      if (parsed.success) return parsed.data;
      process.stderr.write(`imsg-sim: ignoring control file ${path}: ${z.prettifyError(parsed.error)}\n`);
    } catch (error) {
      process.stderr.write(`imsg-sim: cannot read control file ${path}: ${String(error)}\n`);
    }
    return undefined;
  }
}
