/**
 * The verification ladder for an account reached over SSH. Each rung is a
 * failure users actually hit, checked through the exact wrapper the gateway
 * will run: ssh connects → imsg runs there → `imsg rpc` answers promptly (a
 * buffering wrapper does not) → the database opens (Full Disk Access for the
 * bot user) → a real send works (Automation, the -1743 trap over SSH).
 */
import { permissionFixes } from "../../imsg/account-status.ts";
import { imsgInstallCommand } from "../../imsg/imsg-install.ts";
import { withImsgRpc } from "../../imsg/imsg-link.ts";
import type { ImsgResult } from "../../imsg/imsg-methods.ts";
import { IMSG_TIMEOUTS } from "../../imsg/imsg-timeouts.ts";
import type { RpcClient } from "../../imsg/rpc-client.ts";
import { classifyPermissionText, RpcFailure } from "../../imsg/rpc-error.ts";
import { silentLogger } from "../../log/logger.ts";
import { runProcess } from "../../process/run-process.ts";
import { classifySshFailure } from "../../ssh/ssh-failure.ts";
import { portArgs, type SshLink, sshCommandTimeoutMs, sshOptionArgs } from "../../ssh/ssh-options.ts";
import { formatTarget, parseSshTarget, type SshTarget } from "../../ssh/ssh-target.ts";
import { DEFAULT_SSH_PATH } from "./wrapper-script.ts";

export const LADDER_STEPS = ["connect", "imsg-version", "rpc", "database", "send"] as const;
export type LadderStep = (typeof LADDER_STEPS)[number];

export interface StepResult {
  step: LadderStep;
  status: "passed" | "failed" | "skipped";
  message: string;
  fix?: string;
  links?: readonly string[];
}

export interface LadderInput {
  target: SshTarget;
  link: SshLink;
  wrapperPath: string;
  dbPath?: string;
  /** A handle (phone number or email) that receives one real test message; without it the ladder stops short of "ready". */
  testSendTo?: string;
  testSendText?: string;
  /** How long `chats.list` may take through the wrapper; longer means stdio is buffered somewhere. */
  rpcTimeoutMs?: number;
  sshPath?: string;
  /** Told each step as soon as it is decided, before the report. */
  onStep?: (step: StepResult) => void;
}

export interface LadderReport {
  /** Every step passed, the send included: the account can be called ready. */
  ready: boolean;
  steps: StepResult[];
}

export const SSHD_AUTOMATION_FIX =
  "Over SSH, macOS attributes the send to sshd-keygen-wrapper, and that process may not control Messages (AppleEvents error -1743). " +
  "Log into the bot user at that Mac (Screen Sharing works) and stay logged in; run this test send again; when macOS asks whether " +
  '"sshd-keygen-wrapper" may control "Messages", click OK. If it was denied before, turn it on in that user\'s System Settings → ' +
  "Privacy & Security → Automation → sshd-keygen-wrapper → Messages.";

export async function verifySshSetup(input: LadderInput): Promise<LadderReport> {
  const steps: StepResult[] = [];
  const record = (...decided: StepResult[]) => {
    for (const step of decided) {
      steps.push(step);
      input.onStep?.(step);
    }
  };
  const destination = formatTarget(input.target);
  // Refused before anything runs: a "host" like -oProxyCommand=… would be an ssh option.
  const checked = parseSshTarget(destination, input.target.port);
  const connect: StepResult = checked.ok
    ? await checkConnect(input, destination)
    : {
        step: "connect",
        status: "failed",
        message: checked.message,
        fix: "enter a plain user name and host",
      };
  record(connect);
  if (connect.status === "passed") record(await checkImsgVersion(input, destination));
  if (steps.at(-1)?.status === "passed") record(...(await checkRpcAndSend(input)));
  for (const step of LADDER_STEPS.slice(steps.length)) {
    record({ step, status: "skipped", message: "not checked: an earlier step failed" });
  }
  return { ready: steps.every((step) => step.status === "passed"), steps };
}

async function checkConnect(input: LadderInput, destination: string): Promise<StepResult> {
  const timeoutMs = sshCommandTimeoutMs(input.link.connectTimeoutSeconds);
  const result = await runProcess(
    input.sshPath ?? DEFAULT_SSH_PATH,
    ["-T", ...sshOptionArgs(input.link), ...portArgs(input.target.port, "ssh"), "--", destination, "true"],
    { timeoutMs },
  );
  if (result.exitCode === 0)
    return { step: "connect", status: "passed", message: `ssh ${destination} works without a prompt` };
  if (result.spawnError)
    return { step: "connect", status: "failed", message: result.spawnError.message, fix: "install OpenSSH" };
  const failure = classifySshFailure(result.stderr, destination);
  return {
    step: "connect",
    status: "failed",
    message: result.timedOut
      ? `ssh ${destination} did not finish within ${timeoutMs / 1000} s`
      : failure.message,
    fix: failure.fix,
    ...(failure.links ? { links: failure.links } : {}),
  };
}

async function checkImsgVersion(input: LadderInput, destination: string): Promise<StepResult> {
  const result = await runProcess(input.wrapperPath, ["--version"], { timeoutMs: 30_000 });
  const version = result.stdout.trim().split("\n")[0] ?? "";
  if (result.exitCode === 0 && version !== "") {
    return { step: "imsg-version", status: "passed", message: `imsg ${version} runs on ${destination}` };
  }
  if (result.spawnError) {
    return {
      step: "imsg-version",
      status: "failed",
      message: result.spawnError.message,
      fix: "run the setup again to rewrite the wrapper (mode 0700)",
    };
  }
  if (result.exitCode === 255) {
    const failure = classifySshFailure(result.stderr, destination);
    return { step: "imsg-version", status: "failed", message: failure.message, fix: failure.fix };
  }
  const notFound = result.exitCode === 127 || /not found|no such file/i.test(result.stderr);
  return {
    step: "imsg-version",
    status: "failed",
    message: notFound
      ? `imsg is not installed on ${destination}, or not on the PATH an SSH command gets there`
      : `imsg --version failed on ${destination}: ${result.stderr.trim() || `exit ${result.exitCode}`}`,
    fix: notFound
      ? `install it there (${imsgInstallCommand}) and give the setup its full path (for example /opt/homebrew/bin/imsg): SSH commands do not read the login shell's PATH`
      : "run `imsg --version` as that user to see the error",
  };
}

/** Steps rpc, database and send share one `imsg rpc` child: the one the gateway's will look like. */
async function checkRpcAndSend(input: LadderInput): Promise<StepResult[]> {
  const rpcTimeoutMs = input.rpcTimeoutMs ?? 5_000;
  let stderr = "";
  const link = { command: input.wrapperPath, dbPath: input.dbPath };
  const options = { log: silentLogger, onStderr: (line: string) => (stderr += `${line}\n`) };
  return withImsgRpc(link, options, async (client) => {
    let chats: ImsgResult<"chats.list"> | undefined;
    let rpcError: RpcFailure | undefined;
    try {
      chats = await client.call("chats.list", { limit: 1 }, { timeoutMs: rpcTimeoutMs });
    } catch (error) {
      // imsg answered, with an error or an odd shape: the link works, the database step says what failed.
      const answered =
        error instanceof RpcFailure && (error.kind === "rpc-error" || error.kind === "invalid-result");
      if (!answered) return [rpcFailure(error as Error, rpcTimeoutMs, stderr, formatTarget(input.target))];
      rpcError = error;
    }
    const steps: StepResult[] = [
      {
        step: "rpc",
        status: "passed",
        message: `imsg rpc answered through the wrapper within ${rpcTimeoutMs / 1000} s`,
      },
    ];
    const database = databaseStep(chats, rpcError, input.dbPath);
    steps.push(database);
    if (database.status !== "passed") return steps;
    steps.push(await sendStep(client, input));
    return steps;
  });
}

function rpcFailure(error: Error, timeoutMs: number, stderr: string, destination: string): StepResult {
  if (error instanceof RpcFailure && error.kind === "timeout") {
    return {
      step: "rpc",
      status: "failed",
      message: `imsg rpc gave no answer to chats.list within ${timeoutMs / 1000} s through the wrapper`,
      fix: 'the wrapper must pass stdio straight through: `exec ssh -T … imsg "$@"`, with no pipe (| tee, | sed), no `script`, nothing that buffers output',
    };
  }
  const failure = stderr ? classifySshFailure(stderr, destination) : undefined;
  return {
    step: "rpc",
    status: "failed",
    message:
      failure && failure.kind !== "other"
        ? failure.message
        : `imsg rpc ended before answering: ${error.message}${stderr ? ` (${stderr.trim().split("\n").at(-1)})` : ""}`,
    fix: failure?.fix ?? "check that this imsg supports `imsg rpc` (update it)",
  };
}

function databaseStep(
  chats: ImsgResult<"chats.list"> | undefined,
  rpcError: RpcFailure | undefined,
  dbPath: string | undefined,
): StepResult {
  const where = dbPath ?? "the bot user's Messages database";
  if (chats) {
    return {
      step: "database",
      status: "passed",
      message: `${where} opens (${chats.chats.length ? "chats found" : "no chats yet"})`,
    };
  }
  if (!rpcError || rpcError.kind === "invalid-result") {
    return {
      step: "database",
      status: "failed",
      message: "chats.list answered with an unexpected shape",
      fix: "update imsg on the target",
    };
  }
  const problem = classifyPermissionText(rpcError.message);
  if (problem === "database-missing") {
    return {
      step: "database",
      status: "failed",
      message: `${where} does not exist`,
      fix: permissionFixes["database-missing"],
    };
  }
  return {
    step: "database",
    status: "failed",
    message:
      problem === "full-disk-access"
        ? `the bot user's imsg cannot open ${where}: Full Disk Access is missing`
        : `${where} did not open: ${rpcError.message}`,
    fix: "Log into the bot user once (Screen Sharing works), open System Settings → Privacy & Security → Full Disk Access, allow imsg (and Terminal or sshd-keygen-wrapper if listed), run `imsg chats --limit 1` there, then run this check again.",
  };
}

async function sendStep(client: RpcClient, input: LadderInput): Promise<StepResult> {
  if (!input.testSendTo) {
    return {
      step: "send",
      status: "skipped",
      message:
        "no test send: give a handle (your phone number or email) to send one message and prove sending works",
    };
  }
  const text = input.testSendText ?? "Pinch setup: this test message confirms the bot can send.";
  try {
    await client.call("send", { to: input.testSendTo, text }, { timeoutMs: IMSG_TIMEOUTS.sendMs });
    return { step: "send", status: "passed", message: `a test message was sent to ${input.testSendTo}` };
  } catch (error) {
    const message = (error as Error).message;
    const problem = classifyPermissionText(message);
    if (problem === "automation") {
      return {
        step: "send",
        status: "failed",
        message: `Messages refused the send (AppleEvents -1743): ${message}`,
        fix: SSHD_AUTOMATION_FIX,
      };
    }
    return {
      step: "send",
      status: "failed",
      message: `the test send failed: ${message}`,
      fix: "check that Messages is signed in as the bot user and the handle is right",
    };
  }
}
