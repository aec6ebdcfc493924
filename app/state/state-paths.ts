import { join } from "node:path";

/** The folder that holds one folder per account. */
export function accountsStateDir(stateDir: string): string {
  return join(stateDir, "imessage");
}

/** Each account keeps its cursor, journal and pairing store in its own folder of the state directory. */
export function accountStateDir(stateDir: string, accountId: string): string {
  return join(accountsStateDir(stateDir), accountId);
}

export function pairingStorePath(stateDir: string, accountId: string): string {
  return join(accountStateDir(stateDir, accountId), "pairing.json");
}
