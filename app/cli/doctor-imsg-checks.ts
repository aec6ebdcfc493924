import { access, constants } from "node:fs/promises";
import type { ResolvedAccount } from "../config/resolve-accounts.ts";
import { permissionFixes } from "../imsg/account-status.ts";
import type { ImsgCapabilities } from "../imsg/imsg-capabilities.ts";
import { handshake } from "../imsg/imsg-handshake.ts";
import { imsgInstallCommand, imsgUpgradeCommand } from "../imsg/imsg-install.ts";
import { accountLink, type ImsgLink, withImsgRpc } from "../imsg/imsg-link.ts";
import { IMSG_TIMEOUTS } from "../imsg/imsg-timeouts.ts";
import { resolveCliPath } from "../imsg/resolve-cli-path.ts";
import { classifyPermissionText, RpcFailure } from "../imsg/rpc-error.ts";
import { probeRpcSupport, tooOldWords } from "../imsg/rpc-support-probe.ts";
import { silentLogger } from "../log/logger.ts";
import { describeFailure, runProcess } from "../process/run-process.ts";
import { imsgUpdateFor } from "../setup/permissions/imsg-update.ts";
import { formatVersion, parseVersion } from "../setup/permissions/imsg-version.ts";
import { readSshWrapper } from "../ssh/read-ssh-wrapper.ts";
import type { Check } from "./doctor-check.ts";
import { bridgeState, protocolWords } from "./imsg-words.ts";

/** `imsg --version` answers at once locally; through a wrapper it includes the ssh login. */
const VERSION_TIMEOUT_MS = 10_000;

/**
 * One account's imsg: found, runs (`--version`), its database readable here,
 * then the gateway's own handshake against a child of its own, which says
 * what this build is and can do.
 */
export async function checkAccountImsg(account: ResolvedAccount): Promise<Check[]> {
  const label = (name: string) => `${account.id}: ${name}`;
  const cli = resolveCliPath(account.cliPath);
  if (!cli) {
    return [
      {
        name: label("imsg"),
        ok: false,
        detail: `${account.cliPath} not found`,
        fix: `install it with \`${imsgInstallCommand}\`, or set channels.imessage.cliPath`,
      },
    ];
  }
  const checks: Check[] = [];
  const remoteHost = account.remoteHost ?? readSshWrapper(cli)?.remoteHost;
  if (remoteHost) {
    const source = account.remoteHost ? "channels.imessage.remoteHost" : "detected from the wrapper";
    checks.push({ name: label("remote Mac"), ok: true, detail: `${remoteHost} (${source})` });
  }
  const version = await runProcess(cli, ["--version"], { timeoutMs: VERSION_TIMEOUT_MS });
  if (version.exitCode !== 0) {
    const detail = `${cli} --version failed: ${describeFailure(version)}`;
    const fix = remoteHost
      ? `check that \`ssh ${remoteHost} imsg --version\` works without a prompt`
      : "reinstall imsg";
    return [...checks, { name: label("imsg"), ok: false, detail, fix }];
  }
  const printed = version.stdout.trim();
  checks.push({ name: label("imsg"), ok: true, detail: `${cli} (${printed})` });
  // A database on a remote Mac is not ours to open; the handshake covers it.
  if (account.dbPath && !remoteHost) checks.push(await checkDatabase(label("database"), account.dbPath));
  // An imsg without rpc would only fail the handshake with "exit 1": say what it is instead.
  const support = await probeRpcSupport(cli, { timeoutMs: IMSG_TIMEOUTS.rpcProbeMs });
  if (support.kind === "too-old") {
    const { lastError, fix } = tooOldWords(support);
    return [...checks, { name: label("rpc"), ok: false, detail: lastError, fix }];
  }
  const parsed = parseVersion(printed);
  const timeoutMs = account.probeTimeoutMs ?? IMSG_TIMEOUTS.checkMs;
  checks.push(
    ...(await checkHandshake(label, accountLink(account), timeoutMs, parsed && formatVersion(parsed))),
  );
  return checks;
}

async function checkDatabase(name: string, dbPath: string): Promise<Check> {
  try {
    await access(dbPath, constants.R_OK);
    return { name, ok: true, detail: dbPath };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      return {
        name,
        ok: false,
        detail: `${dbPath} does not exist`,
        fix: permissionFixes["database-missing"],
      };
    return { name, ok: false, detail: `${dbPath}: ${code}`, fix: permissionFixes["full-disk-access"] };
  }
}

async function checkHandshake(
  label: (name: string) => string,
  link: ImsgLink,
  timeoutMs: number,
  printedVersion: string | undefined,
): Promise<Check[]> {
  try {
    const capabilities = await withImsgRpc(link, { log: silentLogger }, (client) =>
      handshake(client, timeoutMs),
    );
    return describeImsgBuild(label, capabilities, printedVersion);
  } catch (error) {
    const message = (error as Error).message;
    const problem = error instanceof RpcFailure ? error.permission : classifyPermissionText(message);
    return [
      {
        name: label("rpc"),
        ok: false,
        detail: message,
        fix: problem
          ? permissionFixes[problem]
          : `check that this imsg supports \`imsg rpc\` (update it: \`${imsgUpgradeCommand}\`) and that its wrapper passes stdio through`,
      },
    ];
  }
}

/**
 * A handshake that went through (so the database opened for a real read),
 * as doctor lines: what the build is and can do, and a warning when it is
 * older than Pinch is written for.
 */
export function describeImsgBuild(
  label: (name: string) => string,
  capabilities: ImsgCapabilities,
  printedVersion?: string,
): Check[] {
  const version = capabilities.version ?? printedVersion;
  const checks: Check[] = [
    {
      name: label("rpc"),
      ok: true,
      detail: `imsg ${version ? `${version} ` : ""}answers, ${protocolWords(capabilities.protocol)}`,
      facts: [
        `engine commit: ${capabilities.engineCommit ?? "not reported"}`,
        "database: opens",
        `bridge: ${bridgeState(capabilities.bridgeReady)}`,
        `features: ${capabilities.features.length > 0 ? capabilities.features.join(", ") : "none"}`,
      ],
    },
  ];
  const update = imsgUpdateFor(capabilities, printedVersion);
  if (update) {
    checks.push({
      name: label("imsg version"),
      ok: false,
      warning: true,
      detail: update.why,
      fix: `${update.upgrade} (for a fresh install: ${update.install})`,
    });
  }
  return checks;
}
