import type { GatewayStatus, LogLine } from "../ipc/view-schemas.ts";
import { redactSecrets } from "../log/logger.ts";

// Phone numbers and email addresses identify people: a shared diagnostics text keeps only their shape.
const PHONE = /\+?\d[\d\s().-]{6,}\d/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

export function redactPeople(text: string): string {
  return redactSecrets(text)
    .replace(EMAIL, "[email]")
    .replace(PHONE, (match) => `[phone …${match.replace(/\D/g, "").slice(-2)}]`);
}

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
        `  ${account.id}: ${account.state}${account.detail ? ` (${account.detail})` : ""}${account.fix ? ` fix: ${account.fix}` : ""}`,
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
