import type { Handlers } from "../ipc/contract-server.ts";
import { accountHandlers } from "./handlers/account-handlers.ts";
import { awayHandlers } from "./handlers/away-handlers.ts";
import { configHandlers } from "./handlers/config-handlers.ts";
import { importHandlers } from "./handlers/import-handlers.ts";
import { modelHandlers } from "./handlers/model-handlers.ts";
import { pairingHandlers } from "./handlers/pairing-handlers.ts";
import { prefsHandlers } from "./handlers/prefs-handlers.ts";
import { reminderHandlers } from "./handlers/reminder-handlers.ts";
import { setupHandlers } from "./handlers/setup-handlers.ts";
import { statusHandlers } from "./handlers/status-handlers.ts";
import type { ServiceDeps } from "./service-deps.ts";

/** Every channel of the contract, one feature's handlers at a time; a channel left out does not compile. */
export function createHandlers(deps: ServiceDeps): Handlers {
  return {
    ...statusHandlers(deps),
    ...accountHandlers(deps),
    ...configHandlers(deps),
    ...pairingHandlers(deps),
    ...setupHandlers(deps),
    ...modelHandlers(deps),
    ...importHandlers(deps),
    ...prefsHandlers(deps),
    ...awayHandlers(deps),
    ...reminderHandlers(deps),
  };
}
