import { readFileSync } from "node:fs";
import { z } from "zod";
import type { AgentStatus } from "../agent/agent-status.ts";
import { gatewayPidPath, runningGatewayPid } from "../gateway/state-dir-lock.ts";
import { GatewayStatusSchema, readStatusFile } from "../gateway/status-file.ts";
import type { AccountReport, AccountStatus, DeliveryProblem } from "../imsg/account-status.ts";
import { type ImsgCapabilities, OLDEST_SUPPORTED_IMSG } from "../imsg/imsg-capabilities.ts";
import { imsgUpdateFor } from "../setup/permissions/imsg-update.ts";
import { readUsageSummary } from "../usage/read-usage-summary.ts";
import { describeUsage, UsageSummarySchema } from "../usage/usage-summary.ts";
import { ExitCode, resolveCliPaths } from "./cli-paths.ts";
import { bridgeState, protocolWords } from "./imsg-words.ts";

export interface StatusFlags {
  config?: string | undefined;
  stateDir?: string | undefined;
  json?: boolean | undefined;
}

/**
 * What `pinch status --json` prints: the gateway's published status (each
 * account's report: its state, its imsg, its undelivered replies) with the
 * state directory, or why there is none.
 */
export const StatusReportSchema = z.discriminatedUnion("running", [
  GatewayStatusSchema.omit({ version: true }).extend({
    running: z.literal(true),
    stateDir: z.string(),
    usage: UsageSummarySchema.optional(),
  }),
  z.object({
    running: z.literal(false),
    stateDir: z.string(),
    message: z.string(),
    lastPid: z.number().int().positive().optional(),
    /** Tokens and cost are kept on disk, so they are known with no gateway running too. */
    usage: UsageSummarySchema.optional(),
  }),
]);
export type StatusReport = z.infer<typeof StatusReportSchema>;

/**
 * `pinch status`: the typed status of every account of the gateway running on
 * the state directory, as that gateway last published it. Exit 0 when a
 * gateway is running and its status was read, 1 otherwise.
 */
export async function runStatusCommand(flags: StatusFlags): Promise<number> {
  const { stateDir, configPath } = resolveCliPaths(flags);
  const usage = await readUsageSummary(stateDir, configPath, new Date());
  const report: StatusReport = { ...readReport(stateDir), ...(usage ? { usage } : {}) };
  if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(describeReport(report, Date.now()));
  return report.running ? ExitCode.ok : ExitCode.failure;
}

function readReport(stateDir: string): StatusReport {
  const pid = runningGatewayPid(stateDir);
  if (pid === null) {
    const lastPid = recordedPid(stateDir);
    const gone = lastPid === undefined ? "" : ` (the last one, pid ${lastPid}, is gone)`;
    return {
      running: false,
      stateDir,
      message: `no gateway running on ${stateDir}${gone}; start one with pinch gateway`,
      ...(lastPid === undefined ? {} : { lastPid }),
    };
  }
  const read = readStatusFile(stateDir);
  if (!read.ok) {
    const why =
      read.reason === "missing"
        ? "has not published its status yet"
        : `status is unreadable (${read.detail})`;
    return { running: false, stateDir, message: `gateway pid ${pid} is running but ${why}`, lastPid: pid };
  }
  if (read.status.pid !== pid) {
    return {
      running: false,
      stateDir,
      message: `gateway pid ${pid} is running but has not published its status yet`,
      lastPid: pid,
    };
  }
  const { version: _version, ...status } = read.status;
  return { running: true, stateDir, ...status };
}

function recordedPid(stateDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(gatewayPidPath(stateDir), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function describeUsageLines(usage: NonNullable<StatusReport["usage"]>): string[] {
  return [
    `usage: ${describeUsage(usage.today, "today")}; ${describeUsage(usage.month, "this month")}`,
    `  estimated at list prices of ${usage.pricesAsOf} unless models.prices says otherwise${
      usage.month.unpriced.length > 0 ? `; no price for ${usage.month.unpriced.join(", ")}` : ""
    }`,
  ];
}

export function describeReport(report: StatusReport, now: number): string {
  if (!report.running)
    return `${[report.message, ...(report.usage ? describeUsageLines(report.usage) : [])].join("\n")}\n`;
  const lines = [`gateway pid ${report.pid} on ${report.stateDir}, started ${report.startedAt}`];
  if (report.accounts.length === 0) lines.push("no enabled iMessage account in the config");
  for (const account of report.accounts) lines.push(...describeAccount(account, now));
  if (report.agent) lines.push(...describeAgent(report.agent));
  if (report.agent?.budgetReached) {
    const { accountId, budget } = report.agent.budgetReached;
    lines.push(
      `daily token budget reached for ${accountId} (${budget.toLocaleString("en-US")} tokens): senders get the failure reply until midnight; raise agents.defaults.dailyTokenBudget to go on now`,
    );
  }
  if (report.usage) lines.push(...describeUsageLines(report.usage));
  return `${lines.join("\n")}\n`;
}

function describeAgent(status: AgentStatus): string[] {
  switch (status.state) {
    case "idle":
      return [];
    case "ok":
      return [`model: ok, last answer from ${status.lastSuccess?.model} at ${status.lastSuccess?.at}`];
    case "failing": {
      const error = status.lastError;
      return [
        `model: failing since ${error?.at}${error?.model ? ` (${error.model})` : ""}; senders get the failure reply`,
        `  last error: ${error?.message}`,
        ...(error?.detail ? [`  details: ${error.detail}`] : []),
      ];
    }
  }
}

function describeAccount(report: AccountReport, now: number): string[] {
  return [
    ...describeState(report, now),
    ...(report.stderr ? [`  imsg stderr at ${report.stderr.at}: ${report.stderr.line}`] : []),
    // Before its first handshake an account's report holds the legacy default, not its imsg.
    ...(report.state === "ready" && report.imsg ? [describeImsg(report.imsg)] : []),
    ...(report.deliveryProblems ?? []).map(describeDeliveryProblem),
    ...(report.staleSkipped
      ? [
          `  ${report.staleSkipped.count} too old to answer when they arrived (last ${report.staleSkipped.last})`,
        ]
      : []),
    ...(report.awayWaiting ? [describeAwayWaiting(report.awayWaiting)] : []),
    ...(report.pairingTurnedAway
      ? [
          `  ${report.pairingTurnedAway.count} unknown senders got no pairing code: too many new requests in an hour (last ${report.pairingTurnedAway.last})`,
        ]
      : []),
  ];
}

function describeAwayWaiting({ count, answering }: NonNullable<AccountReport["awayWaiting"]>): string {
  const messages = count === 1 ? "1 message" : `${count} messages`;
  return answering
    ? `  answering ${messages} that came while Pinch was away`
    : `  ${messages} came while Pinch was away and wait for the owner: reply /answer or /dismiss, or use the window`;
}

/** `  imsg 0.15.4, protocol 1, bridge off`, and what to run when the build is old. */
function describeImsg(imsg: ImsgCapabilities): string {
  const build = imsg.version ? `imsg ${imsg.version}, ` : "imsg ";
  const line = `  ${build}${protocolWords(imsg.protocol)}, bridge ${bridgeState(imsg.bridgeReady)}`;
  const update = imsgUpdateFor(imsg);
  return update ? `${line}; older than ${OLDEST_SUPPORTED_IMSG}, update it with ${update.upgrade}` : line;
}

function describeDeliveryProblem(problem: DeliveryProblem): string {
  const outcome = problem.kind === "failed" ? "did not arrive" : "may not have arrived";
  return `  reply to chat ${problem.chatId} at ${problem.at} ${outcome}: ${problem.reason}`;
}

function describeState(status: AccountStatus, now: number): string[] {
  const name = `${status.accountId}:`;
  switch (status.state) {
    case "starting":
      return [`${name} starting${status.detail ? ` (${status.detail})` : ""}`];
    case "ready":
      return [`${name} ready since ${status.since}`];
    case "stopped":
      return [`${name} stopped${status.reason ? ` (${status.reason})` : ""}`];
    case "backoff": {
      const seconds = Math.max(0, Math.ceil((Date.parse(status.retryAt) - now) / 1000));
      return [
        `${name} backoff, next retry at ${status.retryAt} (in ${seconds} s)`,
        `  last error: ${status.lastError}`,
      ];
    }
    case "needs-permission":
      return [
        `${name} needs-permission: ${status.permission}`,
        `  fix: ${status.fix}`,
        `  last error: ${status.lastError}`,
      ];
    case "needs-upgrade":
      return [`${name} needs-upgrade: ${status.lastError}`, `  fix: ${status.fix}`];
  }
}
