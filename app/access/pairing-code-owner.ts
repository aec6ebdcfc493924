import { normalizePairingCode } from "./pairing-code.ts";
import type { PairingStore } from "./pairing-store.ts";

/** One account's pairing store, named by its account. */
export interface AccountPairingStore {
  accountId: string;
  store: PairingStore;
}

export type CodeOwner = { ok: true; owner: AccountPairingStore } | { ok: false; message: string };

/**
 * The account a pairing code was issued by. Each account draws its codes on
 * its own, so a code the owner types from a message identifies the account
 * without `--account`. Two accounts holding the same live code would need two
 * identical draws from 32^8; it is refused rather than guessed.
 */
export function findCodeOwner(stores: readonly AccountPairingStore[], rawCode: string): CodeOwner {
  const code = normalizePairingCode(rawCode);
  const holders = stores.filter(({ store }) => store.holdsCode(code));
  const [only] = holders;
  if (only !== undefined && holders.length === 1) return { ok: true, owner: only };
  if (holders.length === 0) {
    return {
      ok: false,
      message: `No pending pairing request has code ${code} in ${describeAccounts(stores)}; check the code, or run \`pinch pairing list imessage\`.`,
    };
  }
  return {
    ok: false,
    message: `Code ${code} is pending in ${describeAccounts(holders)}; choose one with --account ID.`,
  };
}

function describeAccounts(stores: readonly AccountPairingStore[]): string {
  const ids = stores.map(({ accountId }) => accountId);
  return ids.length === 1 ? `account ${ids[0]}` : `accounts ${ids.join(", ")}`;
}
