import type { Logger } from "../log/logger.ts";
import { resolveCliPath } from "./resolve-cli-path.ts";
import { RpcClient, type RpcClientOptions } from "./rpc-client.ts";

/** How an account reaches imsg: the program (imsg itself, or an SSH wrapper) and the database it reads. */
export interface ImsgLink {
  command: string;
  dbPath?: string | undefined;
}

/**
 * An account's link: a bare `cliPath` found where a GUI app can find it
 * (the imsg the app ships, then Homebrew, then PATH; resolve-cli-path.ts), a path used as given.
 */
export function accountLink(
  account: { cliPath: string; dbPath?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): ImsgLink {
  return { command: resolveCliPath(account.cliPath, env) ?? account.cliPath, dbPath: account.dbPath };
}

/** The one place `imsg rpc` is started, for the gateway, the CLI, the checks and the SSH setup alike. */
export function startImsgRpc(
  link: ImsgLink,
  options: Omit<RpcClientOptions, "command" | "args" | "log"> & { log: Logger },
): RpcClient {
  return RpcClient.start({
    ...options,
    command: link.command,
    args: ["rpc", ...(link.dbPath ? ["--db", link.dbPath] : [])],
  });
}

/** Starts `imsg rpc` of its own for one task (a check, a send from the CLI) and closes it after. */
export async function withImsgRpc<T>(
  link: ImsgLink,
  options: Parameters<typeof startImsgRpc>[1],
  task: (client: RpcClient) => Promise<T>,
): Promise<T> {
  const client = startImsgRpc(link, options);
  try {
    return await task(client);
  } finally {
    await client.close();
  }
}
