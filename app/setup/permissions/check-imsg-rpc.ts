import { imsgInstallCommand, imsgUpgradeCommand } from "../../imsg/imsg-install.ts";
import { withImsgRpc } from "../../imsg/imsg-link.ts";
import { resolveCliPath } from "../../imsg/resolve-cli-path.ts";
import { classifyPermissionText } from "../../imsg/rpc-error.ts";
import { silentLogger } from "../../log/logger.ts";
import type { PermissionResult } from "./permission-result.ts";
import { settingsUrl } from "./settings-links.ts";

/** The wizard polls this check: an answer or a clear failure within this, not the gateway's patience. */
const CHECK_TIMEOUT_MS = 15_000;

/**
 * The end-to-end check for one account: `imsg rpc` started the way the gateway starts it answers
 * `chats.list`. It passes only when Full Disk Access (on whichever Mac runs imsg), the database and
 * the RPC mode all work, so it is the last step of the wizard.
 */
export async function checkImsgRpc(
  account: { cliPath: string; dbPath?: string | undefined },
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<PermissionResult> {
  const env = options.env ?? process.env;
  const command = resolveCliPath(account.cliPath, env);
  if (!command) {
    return {
      status: "not-determined",
      reason: `imsg was not found (${account.cliPath}), so it cannot be reached.`,
      fix: `Install it with \`${imsgInstallCommand}\`.`,
    };
  }
  // Old imsg versions print the permission banner as plain text instead of an RPC error.
  const garbage: string[] = [];
  const rpcOptions = {
    env,
    log: silentLogger,
    onGarbage: (line: string) => garbage.push(line.slice(0, 300)),
  };
  try {
    await withImsgRpc({ command, dbPath: account.dbPath }, rpcOptions, (client) =>
      client.call("chats.list", { limit: 1 }, { timeoutMs: options.timeoutMs ?? CHECK_TIMEOUT_MS }),
    );
    return { status: "granted", reason: `imsg rpc answers through ${command}.` };
  } catch (error) {
    return describeRpcFailure(command, `${(error as Error).message} ${garbage.join(" ")}`);
  }
}

function describeRpcFailure(command: string, message: string): PermissionResult {
  switch (classifyPermissionText(message)) {
    case "full-disk-access":
      return {
        status: "denied",
        reason: `imsg cannot read the Messages database: ${message}`,
        fix: "Turn on Pinch in System Settings → Privacy & Security → Full Disk Access (on the Mac that runs imsg), then quit and reopen Pinch.",
        settingsUrl: settingsUrl("Privacy_AllFiles"),
      };
    case "automation":
      return {
        status: "denied",
        reason: `macOS does not let imsg control Messages: ${message}`,
        fix: "Allow Automation for Messages in System Settings → Privacy & Security → Automation.",
        settingsUrl: settingsUrl("Privacy_Automation"),
      };
    case "database-missing":
      return {
        status: "not-determined",
        reason: `imsg found no Messages database: ${message}`,
        fix: "Open Messages and sign in to iMessage, and check channels.imessage.dbPath.",
      };
    default:
      return {
        status: "denied",
        reason: `${command} rpc did not answer chats.list: ${message}`,
        fix: `Update imsg (\`${imsgUpgradeCommand}\`); for an SSH wrapper, check that it passes stdin and stdout through.`,
      };
  }
}
