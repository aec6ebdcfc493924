import type { Logger } from "../log/logger.ts";
import { pairingStorePath } from "../state/state-paths.ts";
import { PairingStore } from "./pairing-store.ts";

/**
 * The pairing stores of one state directory, one instance per account,
 * shared by the gateway's channels and the window's service: an approval in
 * the window is seen by the channel at once, with no second copy to keep in
 * step.
 */
export class PairingStores {
  private readonly stateDir: string;
  private readonly log: Logger;
  private readonly stores = new Map<string, PairingStore>();

  constructor(stateDir: string, log: Logger) {
    this.stateDir = stateDir;
    this.log = log;
  }

  get(accountId: string): PairingStore {
    let store = this.stores.get(accountId);
    if (!store) {
      store = new PairingStore(pairingStorePath(this.stateDir, accountId), {
        onCorrupt: (aside) =>
          this.log.warn("pairing store was unreadable; moved it aside", { account: accountId, aside }),
      });
      this.stores.set(accountId, store);
    }
    return store;
  }
}
