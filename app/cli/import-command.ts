import { homedir } from "node:os";
import path from "node:path";
import { PairingStore } from "../access/pairing-store.ts";
import { localeRegion } from "../access/phone-region.ts";
import { describeConfigError } from "../config/config-errors.ts";
import { editConfigFile } from "../config/config-file.ts";
import { type ImportReport, importHasChanges } from "../import/import-report.ts";
import { defaultOpenclawDir, openclawFiles } from "../import/openclaw-paths.ts";
import { runOpenclawImport } from "../import/run-openclaw-import.ts";
import { pairingStorePath } from "../state/state-paths.ts";
import { ExitCode, resolveCliPaths, UsageError } from "./cli-paths.ts";

export interface ImportFlags {
  config?: string | undefined;
  stateDir?: string | undefined;
  from?: string | undefined;
  apply?: boolean | undefined;
}

/**
 * `pinch import openclaw [--from DIR] [--apply]`: a dry run unless `--apply`,
 * printing every key and sender it writes, so the run that writes holds no surprise.
 */
export async function runImportCommand(args: string[], flags: ImportFlags): Promise<number> {
  if (args[0] !== "openclaw" || args.length > 1) {
    throw new UsageError("pinch import openclaw [--from DIR] [--apply]");
  }
  const { configPath, stateDir } = resolveCliPaths(flags);
  const dir = path.resolve(flags.from ?? defaultOpenclawDir(process.env, homedir()));
  const outcome = await runOpenclawImport(
    openclawFiles(dir, process.env, flags.from !== undefined),
    {
      configPath,
      defaultRegion: localeRegion(process.env),
      pairingStore: (accountId) => new PairingStore(pairingStorePath(stateDir, accountId)),
      writeConfig: async (plan) => {
        const result = await editConfigFile(configPath, plan);
        return result.ok ? { ok: true } : { ok: false, errors: result.errors.map(describeConfigError) };
      },
    },
    { apply: flags.apply === true },
  );
  if (!outcome.ok) {
    process.stderr.write(`${outcome.message}\n`);
    return ExitCode.failure;
  }
  process.stdout.write(describeImport(outcome.report, flags.apply === true));
  return outcome.report.config.errors.length > 0 ? ExitCode.failure : ExitCode.ok;
}

/** The report as the terminal shows it. */
export function describeImport(report: ImportReport, apply: boolean): string {
  const lines = [`Importing from OpenClaw: ${report.from}`, "", `Config: ${report.configPath}`];
  for (const item of report.config.set) {
    lines.push(`  set  ${item.keyPath} = ${item.value}${item.note ? `  (${item.note})` : ""}`);
  }
  for (const item of report.config.kept) {
    lines.push(`  kept ${item.keyPath} = ${item.pinch}  (Pinch's value; OpenClaw has ${item.openclaw})`);
  }
  if (report.config.set.length === 0 && report.config.kept.length === 0) lines.push("  nothing to add");
  if (report.config.leftOut.length > 0) {
    lines.push(`  left out, not supported by Pinch: ${report.config.leftOut.join(", ")}`);
  }
  lines.push("", "Approved senders:");
  if (report.approvals.length === 0) lines.push("  none found");
  for (const account of report.approvals) {
    const added = account.add.length > 0 ? account.add.join(", ") : "nothing new";
    const already = account.already > 0 ? ` (${account.already} already approved)` : "";
    lines.push(`  ${account.account}: ${added}${already}  → ${account.path}`);
    if (account.note) lines.push(`    ${account.note}`);
    for (const skipped of account.skipped) lines.push(`    skipped ${skipped.entry}: ${skipped.reason}`);
  }
  if (report.pending > 0) {
    lines.push(
      `  ${report.pending} pending pairing request(s) not imported: their codes expire within the hour, and Pinch gives the sender a new one`,
    );
  }
  for (const problem of report.problems) lines.push(`  could not import: ${problem}`);
  lines.push("");
  if (report.config.errors.length > 0) {
    lines.push("Nothing was written: Pinch would refuse the merged config:");
    for (const error of report.config.errors) lines.push(`  ${error}`);
  } else if (!importHasChanges(report)) {
    lines.push("Nothing to write: Pinch already has all of it.");
  } else if (report.applied) {
    lines.push("Written.");
  } else if (!apply) {
    lines.push("Dry run: nothing was written. Run again with --apply to write it.");
  }
  return `${lines.join("\n")}\n`;
}
