import { parseArgs } from "node:util";
import { accountIdProblem } from "../config/account-id.ts";
import { ExitCode, UsageError } from "./cli-paths.ts";

const USAGE = `Usage:
  pinch gateway [--config FILE] [--state-dir DIR] [--log-format human|json] [--verbose] [--echo]
      (--echo: while no model is set up, answer everyone with their own words; a demo)
  pinch pairing list imessage [--account ID] [--json]
  pinch pairing approve imessage CODE [--account ID] [--notify]
  pinch pairing dismiss imessage CODE [--account ID]
  pinch status [--config FILE] [--state-dir DIR] [--json]
  pinch send TARGET TEXT [--account ID]   (TARGET: +15555550123, name@example.com, sms:+1…, chat_id:N)
  pinch doctor [--config FILE]
  pinch import openclaw [--from DIR] [--apply]   (a dry run without --apply)
  pinch setup ssh USER@HOST --account ID --db PATH [options]   (pinch setup ssh --help)

PINCH_CONFIG and PINCH_STATE_DIR may stand in for --config and --state-dir.
`;

/** Parses the command line and runs one command; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  if (argv[0] === "setup") return runSetup(argv.slice(1));
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    process.stderr.write(`pinch: ${(error as Error).message}\n${USAGE}`);
    return ExitCode.usage;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(USAGE);
    return command === undefined && !values.help ? ExitCode.usage : ExitCode.ok;
  }
  const paths = { config: values.config, stateDir: values["state-dir"] };
  try {
    const badAccount = values.account === undefined ? undefined : accountIdProblem(values.account);
    if (badAccount !== undefined) throw new UsageError(`--account: ${badAccount}`);
    switch (command) {
      case "gateway": {
        const { runGatewayCommand } = await import("./gateway-command.ts");
        return await runGatewayCommand({
          ...paths,
          logFormat: values["log-format"],
          verbose: values.verbose,
          debounceMs: values["debounce-ms"],
          echo: values.echo,
        });
      }
      case "pairing": {
        const { runPairingCommand } = await import("./pairing-command.ts");
        return await runPairingCommand(rest, {
          ...paths,
          account: values.account,
          json: values.json,
          notify: values.notify,
        });
      }
      case "status": {
        const { runStatusCommand } = await import("./status-command.ts");
        return await runStatusCommand({
          config: values.config,
          stateDir: values["state-dir"],
          json: values.json,
        });
      }
      case "send": {
        const { runSendCommand } = await import("./send-command.ts");
        return await runSendCommand(rest, { ...paths, account: values.account });
      }
      case "doctor": {
        const { runDoctorCommand } = await import("./doctor-command.ts");
        return await runDoctorCommand(paths);
      }
      case "import": {
        const { runImportCommand } = await import("./import-command.ts");
        return await runImportCommand(rest, { ...paths, from: values.from, apply: values.apply });
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`pinch: ${error.message}\n${USAGE}`);
      return ExitCode.usage;
    }
    process.stderr.write(`pinch ${command}: ${(error as Error).message}\n`);
    return ExitCode.failure;
  }
}

/** `setup` subcommands take their own options, so they are parsed apart from the others. */
async function runSetup(argv: string[]): Promise<number> {
  const { SETUP_SSH_USAGE, runSetupSshCommand } = await import("./setup-ssh-command.ts");
  const usage = `Usage:\n  ${SETUP_SSH_USAGE}\n`;
  if (argv[0] !== "ssh" || argv.includes("--help") || argv.includes("-h")) {
    process[argv[0] === "ssh" ? "stdout" : "stderr"].write(usage);
    return argv[0] === "ssh" ? ExitCode.ok : ExitCode.usage;
  }
  try {
    return await runSetupSshCommand(argv.slice(1));
  } catch (error) {
    const usageError =
      error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS");
    process.stderr.write(`pinch setup ssh: ${(error as Error).message}\n${usageError ? usage : ""}`);
    return usageError ? ExitCode.usage : ExitCode.failure;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: "string" },
      "state-dir": { type: "string" },
      "log-format": { type: "string" },
      "debounce-ms": { type: "string" },
      account: { type: "string" },
      json: { type: "boolean" },
      notify: { type: "boolean" },
      verbose: { type: "boolean" },
      echo: { type: "boolean" },
      from: { type: "string" },
      apply: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}
