import { join } from "node:path";
import { accountIdProblem } from "../config/account-id.ts";

/** The folder that holds one folder per account. */
export function accountsStateDir(stateDir: string): string {
  return join(stateDir, "imessage");
}

/**
 * Each account keeps its cursor, journal and pairing store in its own folder of the state directory.
 * Ids are checked where they come in; this refuses once more, so no caller can reach outside it.
 */
export function accountStateDir(stateDir: string, accountId: string): string {
  const problem = accountIdProblem(accountId);
  if (problem !== undefined) throw new Error(problem);
  return join(accountsStateDir(stateDir), accountId);
}

export function pairingStorePath(stateDir: string, accountId: string): string {
  return join(accountStateDir(stateDir, accountId), "pairing.json");
}
