import { join } from "node:path";

/** Each account keeps its cursor, journal and pairing store in its own folder of the state directory. */
export function accountStateDir(stateDir: string, accountId: string): string {
  return join(stateDir, "imessage", accountId);
}

export function pairingStorePath(stateDir: string, accountId: string): string {
  return join(accountStateDir(stateDir, accountId), "pairing.json");
}
