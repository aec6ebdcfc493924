/**
 * `pinch setup ssh`: the SSH setup for a bot user or a remote Mac, step by
 * step, from a terminal. The procedure is the setup ladder's; this prints
 * each step as it is decided and answers with an exit code.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { accountIdProblem } from "../config/account-id.ts";
import { parseBotTarget, runSshSetupLadder, type SetupStep } from "../setup/ssh/ssh-setup-ladder.ts";
import { DEFAULT_SSH_PORT } from "../ssh/ssh-target.ts";
import { ExitCode, resolveCliPaths, UsageError } from "./cli-paths.ts";

export const SETUP_SSH_USAGE = `pinch setup ssh USER@HOST --account ID --db PATH [--port N] [--key FILE]
      [--remote-imsg PATH] [--fingerprint SHA256:…] [--send-to HANDLE] [--name NAME]
      [--local-bot [--home DIR] [--install-key]] [--config FILE]`;

export async function runSetupSshCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      account: { type: "string" },
      db: { type: "string" },
      port: { type: "string" },
      key: { type: "string" },
      "remote-imsg": { type: "string" },
      fingerprint: { type: "string" },
      "send-to": { type: "string" },
      name: { type: "string" },
      "local-bot": { type: "boolean" },
      home: { type: "string" },
      "install-key": { type: "boolean" },
      config: { type: "string" },
    },
  });
  const [destination, ...extra] = positionals;
  if (!destination || extra.length > 0) throw new UsageError("setup ssh takes one USER@HOST");
  if (!values.account || !values.db) throw new UsageError("setup ssh needs --account ID and --db PATH");
  const badAccount = accountIdProblem(values.account);
  if (badAccount !== undefined) throw new UsageError(`--account: ${badAccount}`);
  if (values["install-key"] && !values["local-bot"])
    throw new UsageError("--install-key works only with --local-bot");
  const port = values.port === undefined ? DEFAULT_SSH_PORT : Number(values.port);
  // A bad target is a usage error, refused before anything runs.
  const target = parseBotTarget(destination, port);
  if (!target.ok) throw new UsageError(target.message);
  const { configPath } = resolveCliPaths({ config: values.config });

  const outcome = await runSshSetupLadder(
    {
      destination,
      port,
      accountId: values.account,
      name: values.name,
      dbPath: values.db,
      remoteImsg: values["remote-imsg"],
      localBot: values["local-bot"] ?? false,
      botHome: values.home,
      sendTo: values["send-to"],
      fingerprint: values.fingerprint,
      installKey: values["install-key"],
      keyFile: values.key === undefined ? undefined : path.resolve(values.key),
    },
    configPath,
    printStep,
  );
  return outcome.saved ? ExitCode.ok : ExitCode.failure;
}

const MARKS: Record<SetupStep["status"], string> = { passed: "✓", failed: "✗", confirm: "✗", skipped: "-" };

function printStep(step: SetupStep): void {
  const write = (line: string) => process.stdout.write(`${line}\n`);
  if (step.warning) write(`! ${step.step}: ${step.warning}`);
  write(`${MARKS[step.status]} ${step.step}: ${step.message}`);
  // A terminal confirms a host key by running the command again with its fingerprint.
  const fix = step.fingerprint
    ? `${step.fix}, then run again with --fingerprint ${step.fingerprint}`
    : step.fix;
  if (fix) write(`  fix: ${fix}`);
  for (const link of step.links ?? []) write(`  open: ${link}`);
  if (step.command) write(`  run ${step.command.where}:\n    ${step.command.text}`);
}
