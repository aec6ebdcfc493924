import type { GatewayStatus, LogLine } from "../ipc/view-schemas.ts";
import { redactPeople } from "../log/redact-log-line.ts";

/** "Copy diagnostics": versions, account states and the recent log, without secrets or handles. */
export function buildDiagnostics(input: {
  status: GatewayStatus;
  lines: readonly LogLine[];
  versions: Record<string, string>;
}): string {
  const parts = [
    "Pinch diagnostics",
    ...Object.entries(input.versions).map(([name, version]) => `${name}: ${version}`),
    `gateway: ${input.status.running ? "running" : `not running (${input.status.problem ?? "unknown"})`}`,
    "",
    "Accounts:",
    ...input.status.accounts.map(
      (account) =>
        `  ${account.id}: ${account.state}${account.detail ? ` (${account.detail})` : ""}${account.fix ? ` fix: ${account.fix}` : ""}${account.stderr ? ` stderr: ${account.stderr.line}` : ""}`,
    ),
    "",
    "Recent log:",
    ...input.lines.map((line) => {
      const fields = Object.entries(line.fields)
        .map(([key, value]) => `${key}=${value}`)
        .join(" ");
      return `  ${line.time} ${line.level.toUpperCase()} ${line.account ? `[${line.account}] ` : ""}${line.message}${fields ? ` ${fields}` : ""}`;
    }),
  ];
  return redactPeople(parts.join("\n"));
}
