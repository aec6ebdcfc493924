import { capabilitiesFromStatus, type ImsgCapabilities, LEGACY_CAPABILITIES } from "./imsg-capabilities.ts";
import { IMSG_PROTOCOL_VERSION } from "./imsg-methods.ts";
import { RpcErrorCode } from "./protocol.ts";
import type { RpcClient } from "./rpc-client.ts";
import { RpcFailure } from "./rpc-error.ts";

/**
 * The first exchange with a fresh `imsg rpc`: what it can do (`initialize`,
 * protocol 1; an older build answers -32601 and gets the methods every build
 * had), then one real read, which proves the database opens. A database
 * that does not open fails here with its reason (-32002 on protocol 1, the
 * Full Disk Access banner before it), so the account can say which
 * permission is missing.
 */
export async function handshake(client: RpcClient, timeoutMs: number): Promise<ImsgCapabilities> {
  let capabilities: ImsgCapabilities;
  try {
    const status = await client.call(
      "initialize",
      { protocol_version: IMSG_PROTOCOL_VERSION },
      { timeoutMs },
    );
    capabilities = capabilitiesFromStatus(status);
  } catch (error) {
    if (!(error instanceof RpcFailure) || error.code !== RpcErrorCode.methodNotFound) throw error;
    capabilities = LEGACY_CAPABILITIES;
  }
  await client.call("chats.list", { limit: 1 }, { timeoutMs });
  return capabilities;
}
