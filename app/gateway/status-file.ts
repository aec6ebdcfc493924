import { readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { AgentStatusSchema } from "../agent/agent-status.ts";
import { AccountReportSchema } from "../imsg/account-status.ts";

/**
 * What a running gateway publishes about its accounts, for `pinch status` (and
 * any other process) to read: one JSON file in the state directory, replaced
 * whole on every status change, so a reader sees one complete version.
 */
export const GatewayStatusSchema = z.object({
  version: z.literal(1),
  pid: z.number().int().positive(),
  startedAt: z.string(),
  updatedAt: z.string(),
  accounts: z.array(AccountReportSchema),
  /** The model side; `idle` until a model has been asked (and always, for the echo agent). */
  agent: AgentStatusSchema.optional(),
});
export type GatewayStatus = z.infer<typeof GatewayStatusSchema>;

export function statusFilePath(stateDir: string): string {
  return join(stateDir, "status.json");
}

/**
 * Written with a rename, not fsynced: the file describes a live process, so
 * after a power cut it is stale anyway. The CLI checks the pid before
 * believing it.
 */
export function writeStatusFile(stateDir: string, status: GatewayStatus): void {
  const path = statusFilePath(stateDir);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(status, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}

export type StatusFileRead =
  | { ok: true; status: GatewayStatus }
  | { ok: false; reason: "missing" | "unreadable"; detail?: string };

export function readStatusFile(stateDir: string): StatusFileRead {
  let text: string;
  try {
    text = readFileSync(statusFilePath(stateDir), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { ok: false, reason: "missing" };
    return { ok: false, reason: "unreadable", detail: (error as Error).message };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: "unreadable", detail: (error as Error).message };
  }
  const parsed = GatewayStatusSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: "unreadable", detail: `${issue?.path.join(".")}: ${issue?.message}` };
  }
  return { ok: true, status: parsed.data };
}

export function removeStatusFile(stateDir: string): void {
  try {
    unlinkSync(statusFilePath(stateDir));
  } catch {
    // Never written, or already removed: nothing to do.
  }
}
