import type { z } from "zod";
import { silentLogger } from "../log/logger.ts";
import { type SendParams, SendResult } from "./protocol.ts";
import { resolveCliPath } from "./resolve-cli-path.ts";
import { RpcClient } from "./rpc-client.ts";

/** Messages can take a while to hand a message over; the gateway waits as long. */
const SEND_TIMEOUT_MS = 120_000;

/**
 * Sends messages through an `imsg rpc` child of our own, started for this and
 * closed after: for the CLI when no gateway is running, or when it need not be.
 * Messages go in order, each after the previous one was accepted.
 */
export async function sendThroughOwnImsg(
  link: { cliPath: string; dbPath?: string | undefined },
  messages: z.input<typeof SendParams>[],
): Promise<void> {
  const client = RpcClient.start({
    command: resolveCliPath(link.cliPath) ?? link.cliPath,
    args: ["rpc", ...(link.dbPath ? ["--db", link.dbPath] : [])],
    log: silentLogger,
  });
  try {
    for (const params of messages) {
      await client.call("send", params, SendResult, { timeoutMs: SEND_TIMEOUT_MS });
    }
  } finally {
    await client.close();
  }
}
